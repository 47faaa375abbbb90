/**
 * Remote deployment of bundles over tinySSB: what a node did with the deployment instructions it
 * replicated ({@link org.tinyssb.deploy.DeploymentService}).
 */
@Export
@Version("1.0.0")
package org.tinyssb.deploy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
