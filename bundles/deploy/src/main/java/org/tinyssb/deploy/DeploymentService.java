package org.tinyssb.deploy;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The deployments this node has carried out or refused, oldest first. */
@ProviderType
public interface DeploymentService {
    List<Deployment> deployments();

    /**
     * The fleet as this node sees it: for each deployment instruction in this node's own feeds and
     * in the trusted deployment feeds, every node's latest report on it (its outcome), from the
     * feeds this node replicates; oldest instruction first (since 1.1).
     */
    List<FleetReport> fleet();
}
