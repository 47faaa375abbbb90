package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A setting edited to a value its metatype does not allow while the node runs: the component
 * keeps its last good value, the node says so in one line, and everything goes on (before, a bad
 * {@code sync} took the store, the node, the chat, the deployments and the shell down with
 * hundreds of log lines; a bad {@code port} made the WebSocket server disappear).
 */
class ConfigEditIT {
    private static final Path DIST = Path.of(System.getProperty("tinyssb.dist"));
    private static final Pattern PORT = Pattern.compile("port = (\\d+)");

    @TempDir
    Path dir;

    private static boolean listensWithin(int port, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return s.isConnected();
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(100); // polling a port: nothing to be told by
            }
        }
    }

    @Test
    void aBadValueEditedIntoARunningNodeIsOneLineAndTheComponentKeepsItsLastGoodOne() throws Exception {
        try (TestNode node = new TestNode(DIST, dir, "node")) {
            NodeProcess.freePortsConfig(node.config);
            Path server = node.config.resolve("org.tinyssb.link.websocket.server.cfg");
            Matcher m = PORT.matcher(Files.readString(server));
            assertTrue(m.find());
            int port = Integer.parseInt(m.group(1));
            node.configure("org.tinyssb.store.file", "sync = always\n");
            node.start("default");
            int mark = node.process().lineCount();

            Files.writeString(node.config.resolve("org.tinyssb.store.file.cfg.tmp"), "sync = sometimes\n");
            Files.move(node.config.resolve("org.tinyssb.store.file.cfg.tmp"),
                    node.config.resolve("org.tinyssb.store.file.cfg"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            String sync = node.process().awaitLine(mark, "the bad sync value reported", l -> l.contains(
                    "configuration org.tinyssb.store.file: sync = sometimes: one of always, batch, never is allowed; "
                            + "it keeps always"));
            assertTrue(sync.contains("WARN"), sync);
            Files.writeString(server, "host = 127.0.0.1\nport = abc\n");
            node.process().awaitLine(mark, "the bad port reported", l -> l.contains(
                    "configuration org.tinyssb.link.websocket.server: port = abc: a whole number (32-bit) is allowed; "
                            + "it keeps " + port));

            Path nodeCfg = node.config.resolve("org.tinyssb.core.node.cfg");
            Files.writeString(nodeCfg, Files.readString(nodeCfg).replaceAll("(?m)^goset.cap = .*$", "goset.cap = 1000"));
            node.process().awaitLine(mark, "the out-of-range cap reported", l -> l.contains(
                    "configuration org.tinyssb.core.node: goset.cap = 1000: a whole number (32-bit) from 1 to 255 is "
                            + "allowed; it keeps 100"));

            String published = node.awaitCommandOutput("publish after the bad edits", "a publish",
                    l -> l.contains("published "), Duration.ofSeconds(30));
            assertTrue(published.contains("#1 "), published);
            // the server listens on its last good port (Declarative Services restarts a component at every
            // configuration update, so it may be starting again just now: a bounded wait, not one try)
            assertTrue(listensWithin(port, Duration.ofSeconds(30)), "the WebSocket server listens on " + port);
            String after = String.join("\n", node.process().output().lines().skip(mark).toList());
            assertFalse(after.contains("\tat ") || after.contains("Exception"), "no stack trace:\n" + after);
            assertEquals(1, after.lines().filter(l -> l.contains("sync = sometimes")).count(),
                    "one line for the bad value, however often it is read:\n" + after);
        }
    }

    @Test
    void logLevelsEditedWhileTheNodeRunsApplyAtOnce() throws Exception {
        try (TestNode node = new TestNode(DIST, dir, "node")) {
            NodeProcess.freePortsConfig(node.config);
            node.start("default");
            int mark = node.process().lineCount();
            Path levels = node.config.resolve(LogSetup.LEVELS_FILE);
            Files.writeString(node.config.resolve("levels.tmp"), "org.tinyssb.shell = debug\norg.example = loud\n");
            Files.move(node.config.resolve("levels.tmp"), levels, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            node.process().awaitLine(mark, "the bad level reported", l -> l.contains(
                    "org.tinyssb.logging.cfg: org.example = loud: one of trace, debug, info, warn, error, off is allowed; "
                            + "that logger keeps its level"));
            node.process().awaitLine(mark, "the levels applied", l -> l.contains("log levels: org.tinyssb.shell = debug"));
            Files.writeString(node.config.resolve("levels.tmp"), "org.tinyssb.shell = info\n");
            Files.move(node.config.resolve("levels.tmp"), levels, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            node.process().awaitLine(mark, "the levels changed back", l -> l.contains("log levels: org.tinyssb.shell = info"));
        }
    }

    @Test
    void aStoreTargetThatMatchesNoStoreSaysSoAndTheNodeComesBackWhenOneMatches() throws Exception {
        try (TestNode node = new TestNode(DIST, dir, "swap")) {
            NodeProcess.freePortsConfig(node.config);
            node.start("default");
            Path nodeCfg = node.config.resolve("org.tinyssb.core.node.cfg");
            String original = Files.readString(nodeCfg);
            int mark = node.process().lineCount();
            // the README's store-swap example on a node of the default feature, which has no memory store
            Files.writeString(nodeCfg, original.replaceAll("(?m)^store.target = .*$", "")
                    + "\nstore.target = (tinyssb.store.name=memory)\n");
            String line = node.process().awaitLine(mark, "the store target reported", l -> l.contains(
                    "store.target (tinyssb.store.name=memory) matches none of this node's stores (file): the node does "
                            + "not run until one matches"));
            assertTrue(line.contains("WARN"), line);
            mark = node.process().lineCount();
            Files.writeString(nodeCfg, original.replaceAll("(?m)^store.target = .*$", "")
                    + "\nstore.target = (tinyssb.store.name=file)\n");
            node.process().awaitLine(mark, "the node back on the file store", l -> l.contains("running on the FileFeedStore"));
            String published = node.awaitCommandOutput("publish after the store came back", "a publish",
                    l -> l.contains("published "), Duration.ofSeconds(30));
            assertTrue(published.contains("#1 "), published);
        }
    }
}
