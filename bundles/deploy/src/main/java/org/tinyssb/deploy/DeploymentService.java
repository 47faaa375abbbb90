package org.tinyssb.deploy;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The deployments this node has carried out or refused, oldest first. */
@ProviderType
public interface DeploymentService {
    List<Deployment> deployments();
}
