package org.tinyssb.launcher.feature;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds features by name in a features folder (or by file path) and folds their includes.
 * An include is looked up next to the including file first, then in the catalog's folder, so a
 * custom feature in another folder can include the built-in ones.
 */
public final class FeatureCatalog {
    private static final String SUFFIX = ".json";
    private final Path featuresDir;

    public FeatureCatalog(Path featuresDir) {
        this.featuresDir = featuresDir;
    }

    /** Names of the features in the catalog's folder, sorted. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(featuresDir)) {
            return names;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(featuresDir, "*" + SUFFIX)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                names.add(n.substring(0, n.length() - SUFFIX.length()));
            }
        } catch (IOException e) {
            return names;
        }
        Collections.sort(names);
        return names;
    }

    /**
     * Resolves {@code nameOrPath}: a name of a feature in the catalog, or a path to a feature file.
     */
    public ResolvedFeature resolve(String nameOrPath) throws FeatureException {
        Path file = locate(nameOrPath, null);
        Map<String, FeatureBundle> bundles = new LinkedHashMap<>();
        Map<String, Map<String, String>> configurations = new LinkedHashMap<>();
        List<String> chain = new ArrayList<>();
        Feature top = FeatureReader.read(file);
        fold(top, new ArrayDeque<>(), bundles, configurations, chain);
        List<FeatureBundle> ordered = new ArrayList<>(bundles.values());
        ordered.sort(Comparator.comparingInt(FeatureBundle::startOrder)); // stable: keeps listed order
        if (ordered.isEmpty()) {
            throw new FeatureException(file, "the feature installs no bundles");
        }
        List<String> names = chain.stream()
                .map(k -> Path.of(k).getFileName().toString().replaceFirst("\\.json$", "")).toList();
        return new ResolvedFeature(top.name(), top.description(), names, ordered, configurations);
    }

    private void fold(Feature feature, Deque<String> path, Map<String, FeatureBundle> bundles,
            Map<String, Map<String, String>> configurations, List<String> chain)
            throws FeatureException {
        // chain holds the normalised paths of the features folded so far
        String key = feature.source().toAbsolutePath().normalize().toString();
        if (path.contains(key)) {
            List<String> cycle = new ArrayList<>(path);
            cycle.add(key);
            throw new FeatureException(feature.source(), "includes itself: "
                    + String.join(" → ", cycle.stream().map(p -> Path.of(p).getFileName().toString())
                            .toList()));
        }
        if (chain.contains(key)) {
            return; // included twice (diamond): the first fold already has it
        }
        path.addLast(key);
        for (String include : feature.includes()) {
            fold(FeatureReader.read(locate(include, feature.source().getParent())), path, bundles,
                    configurations, chain);
        }
        path.removeLast();
        chain.add(key);
        for (FeatureBundle b : feature.bundles()) {
            FeatureBundle earlier = bundles.get(b.id().key());
            if (earlier != null && b.id().version().isPresent() && earlier.id().version().isPresent()
                    && !earlier.id().version().equals(b.id().version())) {
                throw new FeatureException(feature.source(), "bundle " + b.id().key()
                        + " is named in two versions: " + earlier.id().version().get() + " and "
                        + b.id().version().get());
            }
            bundles.put(b.id().key(), b); // the including feature's entry (start order) wins
        }
        feature.configurations().forEach((pid, props) ->
                configurations.computeIfAbsent(pid, p -> new LinkedHashMap<>()).putAll(props));
    }

    private Path locate(String nameOrPath, Path besides) throws FeatureException {
        boolean isPath = nameOrPath.endsWith(SUFFIX) || nameOrPath.contains("/")
                || nameOrPath.contains(java.io.File.separator);
        if (isPath) {
            Path p = besides == null ? Path.of(nameOrPath) : besides.resolve(nameOrPath);
            if (!Files.isRegularFile(p)) {
                throw new FeatureException("feature file " + p + " does not exist");
            }
            return p;
        }
        if (besides != null && Files.isRegularFile(besides.resolve(nameOrPath + SUFFIX))) {
            return besides.resolve(nameOrPath + SUFFIX);
        }
        Path p = featuresDir.resolve(nameOrPath + SUFFIX);
        if (!Files.isRegularFile(p)) {
            throw new FeatureException("unknown feature '" + nameOrPath + "' (available: "
                    + String.join(", ", names()) + ")");
        }
        return p;
    }
}
