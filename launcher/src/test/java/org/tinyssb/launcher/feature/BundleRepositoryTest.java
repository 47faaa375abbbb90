package org.tinyssb.launcher.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleRepositoryTest {
    @TempDir
    Path dir;

    @Test
    void versionedCoordinatesFindTheirJarInTheFirstRootThatHasIt() throws FeatureException {
        Path dist = dir.resolve("dist");
        Path local = dir.resolve("m2");
        Path fromLocal = FeatureFiles.jar(local, "org.example", "app", "1.0");
        Path fromDist = FeatureFiles.jar(dist, "org.example", "app", "2.0");
        BundleRepository repo = new BundleRepository(List.of(dist, local));
        assertEquals(fromLocal, repo.resolve(MavenCoordinates.parse("org.example:app:1.0")));
        assertEquals(fromDist, repo.resolve(MavenCoordinates.parse("org.example:app:2.0")));
    }

    @Test
    void coordinatesWithoutVersionTakeTheHighestVersion() throws FeatureException {
        Path dist = dir.resolve("dist");
        FeatureFiles.jar(dist, "g", "a", "1.9");
        Path newest = FeatureFiles.jar(dist, "g", "a", "1.10");
        FeatureFiles.jar(dist, "g", "a", "1.10-SNAPSHOT");
        assertEquals(newest, new BundleRepository(List.of(dist)).resolve(MavenCoordinates.parse("g:a")));
    }

    @Test
    void missingBundleSaysWhereItLooked() {
        BundleRepository repo = new BundleRepository(List.of(dir.resolve("dist"), dir.resolve("m2")));
        FeatureException e = assertThrows(FeatureException.class,
                () -> repo.resolve(MavenCoordinates.parse("org.example:missing:1.0")));
        assertTrue(e.getMessage().startsWith("bundle org.example:missing:1.0 not found"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("dist").toString()), e.getMessage());
    }

    @Test
    void versionsCompareLikeMaven() {
        assertTrue(BundleRepository.compareVersions("1.10", "1.9") > 0);
        assertTrue(BundleRepository.compareVersions("1.0-SNAPSHOT", "1.0") < 0);
        assertTrue(BundleRepository.compareVersions("1.0.1", "1.0") > 0);
        assertEquals(0, BundleRepository.compareVersions("1.0", "1.0.0"));
    }
}
