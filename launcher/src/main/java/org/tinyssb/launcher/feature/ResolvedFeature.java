package org.tinyssb.launcher.feature;

import java.util.List;
import java.util.Map;

/**
 * A feature with its includes folded in: every bundle once (ordered by start order, then as
 * listed) and the merged default configuration (an including feature's value wins).
 *
 * @param name           the feature that was asked for
 * @param description    its description
 * @param chain          the features that contributed, includes first
 * @param bundles        the bundles to install
 * @param configurations default configuration by PID
 */
public record ResolvedFeature(String name, String description, List<String> chain,
        List<FeatureBundle> bundles, Map<String, Map<String, String>> configurations) {

    /** Highest start order among the bundles: the framework's target start level. */
    public int maxStartOrder() {
        return bundles.stream().mapToInt(FeatureBundle::startOrder).max().orElse(1);
    }
}
