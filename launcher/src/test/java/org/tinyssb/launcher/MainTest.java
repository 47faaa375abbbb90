package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.launcher.feature.FeatureFiles;

/** Bad launcher input ends with one line on stderr and exit code 2, before any framework starts. */
class MainTest {
    @TempDir
    Path dir;
    private Distribution dist;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void distribution() throws IOException {
        dist = new Distribution(dir.resolve("dist"));
        Files.createDirectories(dist.bundlesDir());
        FeatureFiles.write(dist.featuresDir(), "minimal", "{ \"bundles\": [\"org.example:present\"] }");
        FeatureFiles.jar(dist.bundlesDir(), "org.example", "present", "1.0");
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--data", dir.resolve("data").toString(),
                "--deploy", dir.resolve("deploy").toString()));
        all.addAll(List.of(args));
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(all.toArray(new String[0]), () -> dist);
    }

    private String errLine() {
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), "exactly one line on stderr, got: " + text);
        return text.strip();
    }

    @Test
    void unknownFeature() {
        assertEquals(2, run("--feature", "nope"));
        assertEquals("tinyssb-node: unknown feature 'nope' (available: minimal)", errLine());
    }

    @Test
    void missingBundle() {
        Path feature = FeatureFiles.write(dir, "custom",
                "{ \"includes\": [\"minimal\"], \"bundles\": [\"org.example:absent:2.0\"] }");
        assertEquals(2, run("--feature", feature.toString(), "--config", dir.toString()));
        assertTrue(errLine().startsWith("tinyssb-node: bundle org.example:absent:2.0 not found (looked in "),
                errLine());
    }

    @Test
    void malformedFeatureFile() {
        Path feature = FeatureFiles.write(dir, "broken", "{ \"bundles\": [ ");
        assertEquals(2, run("--feature", feature.toString()));
        assertTrue(errLine().startsWith("tinyssb-node: feature file " + feature + ": not valid JSON"), errLine());
    }

    @Test
    void configDirectoryThatDoesNotExist() {
        assertEquals(2, run("--feature", "minimal", "--config", dir.resolve("nowhere").toString()));
        assertEquals("tinyssb-node: config directory " + dir.resolve("nowhere") + " does not exist", errLine());
    }

    @Test
    void unreadableConfigFile() throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("org.tinyssb.core.identity.cfg"), "keys.dir = \\u12\n");
        assertEquals(2, run("--feature", "minimal", "--config", config.toString()));
        assertTrue(errLine().startsWith("tinyssb-node: config file "
                + config.resolve("org.tinyssb.core.identity.cfg") + " is malformed"), errLine());
    }

    @Test
    void unknownOption() {
        assertEquals(2, run("--frobnicate"));
        assertEquals("tinyssb-node: unknown option '--frobnicate' (see --help)", errLine());
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: tinyssb-node"));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void versionIsOneLineAndExitZero() {
        assertEquals(0, run("--version"));
        String line = out.toString(StandardCharsets.UTF_8);
        assertTrue(line.matches("tinyssb-node \\S+ \\(Java \\S+, Apache Felix \\d+\\.\\d+\\.\\d+\\)\n"), line);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
