package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
            // a new user's first words: help is the node's commands, a typo is one line
            node.type("help");
            node.awaitLine("the node's commands", l -> l.matches("\\s*feeds\\s+the feeds this node holds.*"));
            node.awaitLine("where Gogo's commands are", l -> l.contains("'help all': every command of the shell"));
            node.type("fedds");
            node.awaitLine("one line for a typo", l -> l.contains("fedds: no such command ('help' lists the node's "
                    + "commands)"));
            assertTrue(!node.output().contains("CommandNotFoundException"), node.output());
            node.closeInput(); // Ctrl-D
            assertEquals(0, node.awaitExit(), node.output());
        }
    }

    @Test
    void aFeatureNamesWhatItMeansAndTheResolverAddsWhatThatNeeds() throws Exception {
        // the issue's case: minimal + WebSocket + chat, without the Java-WebSocket library they need
        Path feature = Files.writeString(dir.resolve("chat.json"), "{ \"includes\": [\"minimal\"], \"bundles\": ["
                + "{ \"id\": \"org.tinyssb:org.tinyssb.link.websocket\", \"start-order\": 20 },"
                + "{ \"id\": \"org.tinyssb:org.tinyssb.app.chat\", \"start-order\": 30 } ] }");
        try (NodeProcess node = NodeProcess.start(DIST, folders("--feature", feature.toString(), "--no-shell"))) {
            node.awaitLine("the resolver's addition", l -> l.contains("the feature needs org.java-websocket:Java-WebSocket:")
                    && l.contains("(for org.tinyssb.link.websocket)"));
            String row = node.awaitLine("Java-WebSocket in the bundle table", l -> l.matches(".*ACTIVE.*Java-WebSocket.*"));
            assertTrue(row.contains(" 20 "), "at the start level of the bundle that needs it: " + row);
            node.awaitLine("the WebSocket link's bundle active", l -> l.matches(".*ACTIVE.*org\\.tinyssb\\.link\\.websocket .*"));
            assertTrue(node.output().lines().noneMatch(l -> l.contains("gogo")), "optional imports add nothing:\n"
                    + node.output());
        }
    }

    @Test
    void aPackageNoBundleProvidesEndsTheLaunchWithExitCodeOneAndOneLineNamingIt() throws Exception {
        // a bundle of the operator's own (from the local Maven repository) that needs what nothing offers
        Path repository = dir.resolve("m2");
        Path jar = repository.resolve("org/example/needs-gone/1.0.0/needs-gone-1.0.0.jar");
        Files.createDirectories(jar.getParent());
        java.util.jar.Manifest m = new java.util.jar.Manifest();
        m.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        m.getMainAttributes().putValue("Bundle-SymbolicName", "org.example.needs.gone");
        m.getMainAttributes().putValue("Import-Package", "org.example.gone;version=\"[1.0,2)\"");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), m)) {
            out.flush();
        }
        Path feature = Files.writeString(dir.resolve("broken.json"),
                "{ \"includes\": [\"minimal\"], \"bundles\": [ \"org.example:needs-gone:1.0.0\" ] }");
        try (NodeProcess node = NodeProcess.start(DIST, List.of("-Dmaven.repo.local=" + repository),
                folders("--feature", feature.toString(), "--no-shell"))) {
            assertEquals(1, node.awaitExit(), node.output());
            String last = node.output().lines().reduce((a, b) -> b).orElse("");
            assertEquals("tinyssb-node: bundle org.example.needs.gone needs package org.example.gone (version 1.0.0 up to "
                    + "2.0.0), which no bundle of the distribution provides: add a bundle that exports it to bundles/ and "
                    + "to the feature", last);
            assertTrue(node.output().lines().noneMatch(l -> l.startsWith("\tat ")), node.output());
        }
    }
}
