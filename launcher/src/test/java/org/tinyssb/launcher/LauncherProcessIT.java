package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built distribution, started the way the README starts it, in its own JVM. */
class LauncherProcessIT {
    private static final Path DIST = Path.of(System.getProperty("tinyssb.dist"));
    /** 128 + SIGTERM: how a JVM ends when a service manager stops it. */
    private static final int SIGTERM_EXIT = 143;

    @TempDir
    Path dir;

    private String[] folders(String... more) throws java.io.IOException {
        NodeProcess.freePortsConfig(Files.createDirectories(dir.resolve("config")));
        String[] base = {"--data", dir.resolve("data").toString(), "--config", dir.resolve("config").toString(),
                "--deploy", dir.resolve("deploy").toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void defaultNodePrintsItsIdAndBundlesOffersAShellAndStopsCleanlyOnSigterm() throws Exception {
        String nodeId;
        try (NodeProcess node = NodeProcess.start(DIST, folders())) {
            nodeId = node.awaitLine("the node id", l -> l.startsWith("  node id   @")).substring(12).strip();
            assertTrue(nodeId.matches("@[A-Za-z0-9+/]{43}=\\.ed25519"), "node id: " + nodeId);
            node.awaitLine("core ACTIVE in the bundle table",
                    l -> l.contains("ACTIVE") && l.contains("org.tinyssb.core"));

            node.type("lb -s");
            node.awaitLine("Gogo's lb listing core as Active",
                    l -> l.contains("|Active") && l.contains("org.tinyssb.core"));

            node.terminate();
            assertEquals(SIGTERM_EXIT, node.awaitExit(), node.output());
            assertTrue(node.output().contains("node stopped cleanly"), node.output());
        }
        assertTrue(Files.isRegularFile(dir.resolve("data/keys/node.key")));
        assertTrue(Files.isRegularFile(dir.resolve("config/org.tinyssb.core.identity.cfg")),
                "the feature's default configuration was written into the config folder");

        // a restart keeps the identity and reuses the installed bundles
        try (NodeProcess again = NodeProcess.start(DIST, folders("--no-shell"))) {
            String id = again.awaitLine("the node id", l -> l.startsWith("  node id   @")).substring(12).strip();
            assertEquals(nodeId, id);
            String bundles = again.awaitLine("the bundle summary", l -> l.startsWith("  bundles   "));
            assertTrue(bundles.contains(" 0 installed, 0 updated,"), bundles);
            again.awaitLine("the shell being off", l -> l.startsWith("  shell     off (--no-shell)"));
            again.terminate();
            assertEquals(SIGTERM_EXIT, again.awaitExit(), again.output());
        }
    }

    @Test
    void versionNamesTheBuiltReleaseAndExitsZero() throws Exception {
        try (NodeProcess p = NodeProcess.start(DIST, "--version")) {
            assertEquals(0, p.awaitExit(), p.output());
            String line = p.output().strip();
            assertTrue(line.startsWith("tinyssb-node " + System.getProperty("project.version")
                    + " (Java "), line);
            assertEquals(1, line.lines().count(), line);
        }
    }

    @Test
    void endOfInputOnTheShellStopsTheNodeNormally() throws Exception {
        try (NodeProcess node = NodeProcess.start(DIST, folders())) {
            node.awaitLine("the shell's welcome", l -> l.contains("Welcome to Apache Felix Gogo"));
            node.closeInput(); // Ctrl-D
            assertEquals(0, node.awaitExit(), node.output());
        }
    }

    @Test
    void bundleThatCannotResolveEndsTheLaunchWithExitCodeOneAndAReason() throws Exception {
        Path feature = Files.writeString(dir.resolve("broken.json"),
                "{ \"bundles\": [ \"org.tinyssb:org.tinyssb.core\" ] }");
        try (NodeProcess node = NodeProcess.start(DIST, folders("--feature", feature.toString()))) {
            assertEquals(1, node.awaitExit(), node.output());
            String last = node.output().lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.startsWith("tinyssb-node: bundle org.tinyssb.core (org.tinyssb:org.tinyssb.core) "
                    + "failed to start: Unable to resolve"), last);
            assertTrue(last.contains("missing requirement"), last);
        }
    }
}
