package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyssb.launcher.feature.BundleRepository;
import org.tinyssb.launcher.feature.FeatureBundle;
import org.tinyssb.launcher.feature.FeatureCatalog;
import org.tinyssb.launcher.feature.ResolvedFeature;

/** Every feature the distribution ships resolves, and every bundle it names is in the distribution. */
class BuiltInFeaturesIT {
    private static final Path DIST = Path.of(System.getProperty("tinyssb.dist"));

    @Test
    void everyShippedFeatureFindsAllItsBundlesInTheDistributionAlone() throws Exception {
        FeatureCatalog catalog = new FeatureCatalog(DIST.resolve("features"));
        List<String> names = catalog.names();
        assertTrue(names.containsAll(List.of("minimal", "default")), names.toString());
        // only the distribution's own bundles: a node must not depend on a developer's ~/.m2
        BundleRepository repository = new BundleRepository(List.of(DIST.resolve("bundles")));
        for (String name : names) {
            ResolvedFeature feature = catalog.resolve(name);
            assertFalse(feature.description().isBlank(), name + " has a description");
            for (FeatureBundle b : feature.bundles()) {
                Path jar = repository.resolve(b.id());
                assertTrue(Files.size(jar) > 0, jar.toString());
            }
        }
    }

    @Test
    void theDistributionShipsEveryFeatureOfTheRepository() throws Exception {
        Path source = DIST.resolve("../../../features").normalize();
        try (var files = Files.list(source)) {
            long inRepo = files.filter(f -> f.toString().endsWith(".json")).count();
            assertEquals(inRepo, new FeatureCatalog(DIST.resolve("features")).names().size());
        }
    }
}
