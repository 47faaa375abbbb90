package org.tinyssb.launcher;

import java.nio.file.Path;
import org.tinyssb.launcher.feature.FeatureBundle;

/**
 * A feature bundle with its jar found.
 *
 * @param bundle    the feature's entry
 * @param jar       the jar to install
 * @param autoStart whether the framework starts it at its start level (the console shell is
 *                  started by the launcher itself, after the status banner, or not at all)
 */
record PlannedBundle(FeatureBundle bundle, Path jar, boolean autoStart) {
    /** The framework location of a feature bundle: stable across versions, so updates keep its data. */
    String location() {
        return BundleReconciler.LOCATION_PREFIX + bundle.id().groupId() + "/" + bundle.id().artifactId();
    }
}
