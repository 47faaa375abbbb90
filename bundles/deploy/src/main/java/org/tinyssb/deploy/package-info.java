/**
 * Remote deployment of bundles over tinySSB: what a node did with the deployment instructions it
 * replicated ({@link org.tinyssb.deploy.DeploymentService}), and the fleet's reports on them
 * ({@link org.tinyssb.deploy.FleetReport}).
 */
@Export
@Version("1.1.0")
package org.tinyssb.deploy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
