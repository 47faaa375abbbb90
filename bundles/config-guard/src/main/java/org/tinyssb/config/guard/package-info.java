/**
 * The check of one configuration value against what its component's metatype description allows
 * ({@link org.tinyssb.config.guard.SettingCheck}): pure, shared by the launcher (before the node
 * starts) and by the guard component (while it runs).
 */
@Export
@Version("1.1.0")
package org.tinyssb.config.guard;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
