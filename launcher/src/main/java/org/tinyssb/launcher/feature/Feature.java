package org.tinyssb.launcher.feature;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node build as written in one feature file: bundles, included features and default
 * configuration (one map of properties per configuration PID).
 */
public record Feature(String name, String description, Path source, List<String> includes,
        List<FeatureBundle> bundles, Map<String, Map<String, String>> configurations) {
    public Feature {
        includes = List.copyOf(includes);
        bundles = List.copyOf(bundles);
        // keep the file's order: configuration files are written in it
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        configurations.forEach((pid, props) ->
                copy.put(pid, Collections.unmodifiableMap(new LinkedHashMap<>(props))));
        configurations = Collections.unmodifiableMap(copy);
    }
}
