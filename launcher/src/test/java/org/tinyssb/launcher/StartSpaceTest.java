package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleException;
import org.tinyssb.launcher.feature.FeatureBundle;
import org.tinyssb.launcher.feature.MavenCoordinates;

/**
 * Too little disk to start is one line naming the data folder, the space free and the space
 * needed (Felix's own words were "Unable to cache bundle", nothing about disk space).
 */
class StartSpaceTest {
    @TempDir
    Path dir;

    private List<PlannedBundle> planOf(int... jarBytes) throws Exception {
        List<PlannedBundle> plan = new java.util.ArrayList<>();
        for (int i = 0; i < jarBytes.length; i++) {
            Path jar = Files.write(dir.resolve("b" + i + ".jar"), new byte[jarBytes[i]]);
            plan.add(new PlannedBundle(new FeatureBundle(MavenCoordinates.parse("org.example:b" + i + ":1.0.0"), 1), jar, true));
        }
        return plan;
    }

    @Test
    void aFirstStartNeedsRoomForEveryBundleOfTheFeatureAndLaterStartsOnlyTheMargin() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        List<PlannedBundle> plan = planOf(3 << 20, 2 << 20);
        assertEquals((5L << 20) + StartSpace.MARGIN_BYTES, StartSpace.needed(data, plan));
        Files.createDirectories(data.resolve("framework"));
        assertEquals(StartSpace.MARGIN_BYTES, StartSpace.needed(data, plan));
    }

    @Test
    void tooLittleSpaceIsOneLineWithFolderSpaceAndRemedy() {
        Path data = dir.resolve("data");
        Optional<String> line = StartSpace.problem(data, 9L << 20, p -> 300 * 1024);
        assertEquals("the disk holding the data folder " + data + " has 300 KiB free; the node needs about "
                + "9.0 MiB there to start (its bundle cache and files): free space there, or give --data a folder on "
                + "another disk", line.orElseThrow());
        assertTrue(StartSpace.problem(data, 9L << 20, p -> 10L << 20).isEmpty(), "enough room");
        assertTrue(StartSpace.problem(data, 9L << 20, p -> -1).isEmpty(), "a disk that cannot be asked is tried");
    }

    @Test
    void aBundleThatCouldNotBeCachedForWantOfSpaceEndsInTheDiskLineWithExitCode2() {
        Path data = dir.resolve("data");
        BundleException felix = new BundleException("Unable to cache bundle: tinyssb:org.tinyssb/org.tinyssb.core",
                new java.io.IOException("No space left on device"));
        LaunchException e = StartSpace.failed("cannot initialise the framework", felix, data, 1);
        assertEquals(LaunchException.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith("the disk holding the data folder " + data + " has "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(cannot initialise the framework: Unable to cache bundle: "
                + "tinyssb:org.tinyssb/org.tinyssb.core)"), e.getMessage());

        LaunchException other = StartSpace.failed("cannot initialise the framework",
                new BundleException("a manifest is broken"), data, 1);
        assertEquals(LaunchException.FAILED, other.exitCode(), "other failures stay what they are");
        assertEquals("cannot initialise the framework: a manifest is broken", other.getMessage());
    }
}
