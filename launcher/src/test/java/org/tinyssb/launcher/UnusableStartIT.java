package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up states a node cannot run in end the launch with one line and exit code 2, and nothing
 * stays half-running: a second node on the same data folder (which would fork the feeds), a
 * key file that cannot be read, and settings their component's metatype does not allow.
 */
class UnusableStartIT {
    private static final Path DIST = Path.of(System.getProperty("tinyssb.dist"));

    @TempDir
    Path dir;

    private static String lastLine(NodeProcess p) {
        return p.output().lines().reduce((a, b) -> b).orElse("");
    }

    private static void assertNoStackTrace(NodeProcess p) {
        assertFalse(p.output().lines().anyMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by:")),
                "no stack trace:\n" + p.output());
    }

    @Test
    void aSecondNodeOnTheSameDataFolderExitsWithTwoAndTheFirstRunsOnAndPublishes() throws Exception {
        try (TestNode first = new TestNode(DIST, dir, "node")) {
            NodeProcess.freePortsConfig(first.config);
            first.start("default");
            first.process().type("publish before the second start");
            try (NodeProcess second = NodeProcess.start(DIST, "--data", first.data.toString(), "--config",
                    first.config.toString(), "--deploy", dir.resolve("deploy2").toString(), "--no-shell")) {
                assertEquals(2, second.awaitExit(), second.output());
                String line = lastLine(second);
                assertTrue(line.startsWith("tinyssb-node: data folder " + first.data + " is in use by another node (pid "
                        + first.process().pid()), line);
                assertTrue(line.contains("--data"), "says what to do: " + line);
                assertNoStackTrace(second);
            }
            String published = first.awaitCommandOutput("publish after the second start", "a publish",
                    l -> l.contains("published "), Duration.ofSeconds(30));
            assertTrue(published.contains("#2 "), "the first node goes on with its feed: " + published);
        }
    }

    @Test
    void aCorruptKeyFileEndsTheLaunchWithOneLineAndExitTwo() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("data/keys"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
        Path key = Files.writeString(keys.resolve("node.key"), "not a seed\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        NodeProcess.freePortsConfig(Files.createDirectories(dir.resolve("config")));
        try (NodeProcess node = NodeProcess.start(DIST, "--data", dir.resolve("data").toString(), "--config",
                dir.resolve("config").toString(), "--deploy", dir.resolve("deploy").toString(), "--no-shell")) {
            assertEquals(2, node.awaitExit(), node.output());
            String line = lastLine(node);
            assertEquals("tinyssb-node: component org.tinyssb.core.internal.identity.IdentityComponent failed to start: "
                    + "key file " + key + " is corrupt: expected one line of 64 hex digits (the Ed25519 seed)", line);
            assertNoStackTrace(node);
            assertFalse(node.output().contains("running feature"), "no banner of a running node:\n" + node.output());
        }
        assertEquals("not a seed\n", Files.readString(key), "the key file is left as it was");
    }

    @Test
    void settingsTheMetatypeDoesNotAllowEndTheLaunchWithOneLineEachAndExitTwo() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        NodeProcess.freePortsConfig(config);
        Path server = config.resolve("org.tinyssb.link.websocket.server.cfg");
        Files.writeString(server, "# the operator's typo\nhost = 127.0.0.1\nport = abc\n");
        Path node = config.resolve("org.tinyssb.core.node.cfg");
        Files.writeString(node, "goset.cap = 1000\n"); // the type is right, the range is not
        Path store = config.resolve("org.tinyssb.store.file.cfg");
        Files.writeString(store, "sync = sometimes\ndir = ${nope\n");
        try (NodeProcess process = NodeProcess.start(DIST, "--data", dir.resolve("data").toString(), "--config",
                config.toString(), "--deploy", dir.resolve("deploy").toString(), "--no-shell")) {
            assertEquals(2, process.awaitExit(), process.output());
            String line = lastLine(process);
            assertEquals("tinyssb-node: config file " + node + ": goset.cap = 1000: a whole number (32-bit) from 1 to 255 "
                    + "is allowed; config file " + server + ": port = abc: a whole number (32-bit) is allowed; "
                    + "config file " + store + ": dir = ${nope: '${' without its '}' (${name} stands for a framework or "
                    + "system property); config file " + store + ": sync = sometimes: one of always, batch, never is "
                    + "allowed", line);
            assertNoStackTrace(process);
            assertFalse(process.output().contains("running feature"), "no banner of a running node:\n" + process.output());
        }
        assertFalse(Files.exists(dir.resolve("data").resolve("${nope")), "no folder named after the typo");
        assertFalse(java.nio.file.Files.exists(Path.of("${nope")), "nor in the working directory");
    }
}
