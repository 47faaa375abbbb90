package org.tinyssb.launcher.feature;

/**
 * One bundle of a feature.
 *
 * @param id         Maven coordinates of the bundle jar
 * @param startOrder OSGi start level: bundles start in ascending order, infrastructure first
 */
public record FeatureBundle(MavenCoordinates id, int startOrder) {
    /** Start level of bundles whose feature entry gives none. */
    public static final int DEFAULT_START_ORDER = 10;
    /** Highest start level a feature may use. */
    public static final int MAX_START_ORDER = 100;
}
