package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.launcher.feature.FeatureFiles;

/**
 * {@code tinyssb-node assemble}: mistakes are one line and exit 2, nothing written; a feature
 * becomes a distribution of its bundles with the feature folded into one file its script starts.
 * (The packaging module's PackageIT assembles a shipped feature and runs it.)
 */
class AssembleCommandTest {
    @TempDir
    Path dir;
    private Distribution dist;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void distribution() throws IOException {
        dist = new Distribution(dir.resolve("dist"));
        Files.createDirectories(dist.home().resolve("lib"));
        Files.writeString(dist.home().resolve("lib/tinyssb-launcher.jar"), "stands for the launcher");
        FeatureFiles.write(dist.featuresDir(), "base", "{ \"bundles\": [\"org.example:present\"],"
                + " \"configurations\": { \"org.example.pid\": { \"port\": 8080, \"peers\": [\"a\", \"b\"] } } }");
        FeatureFiles.write(dist.featuresDir(), "small", "{ \"includes\": [\"base\"], \"bundles\": ["
                + "{ \"id\": \"org.example:other\", \"start-order\": 30 } ] }");
        bundle("org.example", "present", "1.0");
        bundle("org.example", "other", "2.0");
        bundle("org.example", "unused", "1.0");
    }

    /** A bundle jar (a manifest and nothing else) at its Maven path in the distribution. */
    private void bundle(String group, String artifact, String version) throws IOException {
        Path jar = FeatureFiles.jar(dist.bundlesDir(), group, artifact, version);
        java.util.jar.Manifest m = new java.util.jar.Manifest();
        m.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        m.getMainAttributes().putValue("Bundle-SymbolicName", group + "." + artifact);
        m.getMainAttributes().putValue("Bundle-Version", version);
        try (java.util.jar.JarOutputStream j = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), m)) {
            j.flush();
        }
    }

    private int run(String... args) {
        return new AssembleCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(java.util.List.of(args), dist);
    }

    private String errLine() {
        return err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    @Test
    void mistakesAreOneLineAndExitTwo() throws IOException {
        assertEquals(2, run("--feature", "small"));
        assertEquals("tinyssb-node assemble: give the feature and where the distribution goes", errLine());
        err.reset();
        assertEquals(2, run("--feature", "nope", "--out", dir.resolve("out").toString()));
        assertTrue(errLine().startsWith("tinyssb-node assemble: ") && errLine().contains("nope"), errLine());
        err.reset();
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        assertEquals(2, run("--feature", "small", "--out", full.toString()));
        assertEquals("tinyssb-node assemble: " + full + " exists and is not empty: give a new folder", errLine());
        assertEquals("mine", Files.readString(full.resolve("keep.txt")));
        err.reset();
        assertEquals(2, run("--frobnicate"));
        assertTrue(errLine().contains("unknown option '--frobnicate'"), errLine());
    }

    @Test
    void aFeatureBecomesADistributionOfItsBundlesAndOneFeatureFile() throws IOException {
        Path target = dir.resolve("small-node");
        assertEquals(0, run("--feature", "small", "--out", target.toString()), err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(target.resolve("bundles/org/example/present/1.0/present-1.0.jar")));
        assertTrue(Files.isRegularFile(target.resolve("bundles/org/example/other/2.0/other-2.0.jar")));
        assertTrue(Files.notExists(target.resolve("bundles/org/example/unused")), "only what the feature resolves to");
        assertTrue(Files.isRegularFile(target.resolve("lib/tinyssb-launcher.jar")));
        String feature = Files.readString(target.resolve("features/small.json"));
        assertTrue(feature.contains("\"id\": \"org.example:present:1.0\""), feature);
        assertTrue(feature.contains("\"id\": \"org.example:other:2.0\",\n      \"start-order\": 30"), feature);
        assertTrue(feature.contains("\"port\": \"8080\"") && feature.contains("\"peers\": \"a,b\""), feature);
        assertTrue(!feature.contains("includes"), "folded: " + feature);
        String script = Files.readString(target.resolve("bin/tinyssb-node"));
        assertTrue(script.contains("-Dtinyssb.feature=small -jar"), script);
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("org.example:other") && table.contains("named by the feature"), table);
        assertTrue(table.contains("2 bundles (of 3 in the full distribution)"), table);
    }
}
