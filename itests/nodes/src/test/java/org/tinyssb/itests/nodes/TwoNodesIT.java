package org.tinyssb.itests.nodes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.launcher.NodeProcess;
import org.tinyssb.launcher.TestNode;
import org.tinyssb.testkit.rnode.RNodeAir;
import org.tinyssb.testkit.rnode.RNodeModel;
import org.tinyssb.testkit.socat.SocatPair;

/**
 * Two nodes as separate processes: node A publishes feeds through its shell (every tenth entry
 * with a 2 KiB content); node B, connected by WebSocket, sharing a UDP multicast group on
 * loopback, at the other end of a serial cable (socat), or each with an RNode modem (a model of
 * its firmware behind socat) on one simulated LoRa channel, ends with byte-identical logs and
 * frontiers.
 */
class TwoNodesIT {
    private static final Duration REPLICATION_LIMIT = Duration.ofMinutes(4);

    /** How much A publishes: {@code feeds} identities with {@code entries} entries each. */
    private record Load(int feeds, int entries) {
        /** 5 feeds x 200 entries: the sockets. */
        static final Load FULL = new Load(5, 200);
    }

    private static final Path DIST = Path.of(System.getProperty("tinyssb.dist"));

    @TempDir
    Path dir;

    private Path feature(String name, String... bundles) throws Exception {
        return NodeFeatures.write(dir, name, bundles);
    }

    private static List<SigningKey> authors(Load load) {
        return SourceNode.authors(load.feeds());
    }

    /** A: its own identity and more, each with the load's entries, published through its shell. */
    private TestNode author(Load load, Path feature, String linkConfigPid, String linkConfig) throws Exception {
        return SourceNode.publish(DIST, dir, load.feeds(), load.entries(), feature, linkConfigPid, linkConfig);
    }

    private void replicateAndCompare(String transport, Load load, TestNode a, TestNode b) throws Exception {
        long started = System.nanoTime();
        long deadline = started + REPLICATION_LIMIT.toNanos();
        List<SigningKey> keys = authors(load);
        while (true) {
            boolean done = true;
            StringBuilder state = new StringBuilder();
            for (SigningKey k : keys) {
                long[] f = b.frontier(k.feedId().toHex());
                done &= f[0] == load.entries() && f[1] == 0;
                state.append(k.feedId().shortId()).append('=').append(f[0]).append('/').append(f[1]).append(' ');
            }
            if (done) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("B did not get every entry and chunk within " + REPLICATION_LIMIT.toMinutes()
                        + " min: " + state + "\nB's output:\n" + b.process().output());
            }
            Thread.sleep(200); // polling files another process writes, bounded by the deadline
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int mark = b.process().lineCount();
        b.process().type("links");
        String link = b.process().awaitLine(mark, "B's link row in its 'links' table",
                l -> l.startsWith("ws-out:") || l.startsWith("udp:") || l.startsWith("serial:") || l.startsWith("rnode:"));
        a.stop();
        b.stop();
        SourceNode.assertSameFiles(a, b, keys);
        System.out.printf("%s: %d feeds x %d entries replicated in %.1f s; B's link: %s%n", transport, load.feeds(), load.entries(), seconds, link.strip());
    }

    @Test
    void overWebSocketTheSecondNodeEndsWithByteIdenticalLogs() throws Exception {
        Path feature = feature("ws-node", "org.java-websocket:Java-WebSocket", "org.tinyssb:org.tinyssb.link.websocket");
        int port = NodeProcess.freePort();
        try (TestNode a = author(Load.FULL, feature, "org.tinyssb.link.websocket.server", "host = 127.0.0.1\nport = " + port + "\n");
                TestNode b = new TestNode(DIST, dir, "b")) {
            b.configure("org.tinyssb.link.websocket.client", "urls = ws://127.0.0.1:" + port + "/\nbackoff.min.ms = 200\n");
            b.start(feature);
            replicateAndCompare("WebSocket", Load.FULL, a, b);
        }
    }

    @Test
    void overUdpMulticastTheSecondNodeEndsWithByteIdenticalLogs() throws Exception {
        Path feature = feature("udp-node", "org.tinyssb:org.tinyssb.link.udp");
        String udp = "group = 239.5.5.8\nport = " + NodeProcess.freeUdpPort() + "\ninterface.address = 127.0.0.1\nttl = 0\n";
        try (TestNode a = author(Load.FULL, feature, "org.tinyssb.link.udp", udp); TestNode b = new TestNode(DIST, dir, "b")) {
            b.configure("org.tinyssb.link.udp", udp);
            b.start(feature);
            replicateAndCompare("UDP multicast", Load.FULL, a, b);
        }
    }

    @Test
    void overASerialCableTheSecondNodeEndsWithByteIdenticalLogs() throws Exception {
        // a radio link: the node keeps the reference's budgets (3 packets per answer), so less data
        Load load = new Load(2, 40);
        Path feature = feature("serial-node", "com.fazecast:jSerialComm", "org.tinyssb:org.tinyssb.radio.serial");
        try (SocatPair cable = new SocatPair(Files.createDirectories(dir.resolve("cable"))).start();
                TestNode a = author(load, feature, "org.tinyssb.radio.serial", serial(cable.a));
                TestNode b = new TestNode(DIST, dir, "b")) {
            b.configure("org.tinyssb.radio.serial", serial(cable.b));
            b.start(feature);
            replicateAndCompare("serial cable (socat)", load, a, b);
        }
    }

    @Test
    void overTwoRNodesOnOneChannelTheSecondNodeEndsWithByteIdenticalLogs() throws Exception {
        // LoRa: the reference's radio budgets and each frame's time on air, so a small load
        Load load = new Load(2, 20);
        Path feature = feature("rnode-node", "com.fazecast:jSerialComm", "org.tinyssb:org.tinyssb.radio.serial");
        try (RNodeAir air = new RNodeAir();
                SocatPair cableA = new SocatPair(Files.createDirectories(dir.resolve("cable-a"))).start();
                SocatPair cableB = new SocatPair(Files.createDirectories(dir.resolve("cable-b"))).start();
                RNodeModel rnodeA = new RNodeModel(air).attach(cableA.b);
                RNodeModel rnodeB = new RNodeModel(air).attach(cableB.b);
                TestNode a = author(load, feature, "org.tinyssb.radio.rnode", rnode(cableA.a));
                TestNode b = new TestNode(DIST, dir, "b")) {
            b.configure("org.tinyssb.radio.rnode", rnode(cableB.a));
            b.start(feature);
            replicateAndCompare("two RNodes on a simulated channel", load, a, b);
            System.out.printf("RNode channel: %d frames on the air, A's modem heard %d, B's %d%n", air.frames().size(),
                    rnodeA.heard(), rnodeB.heard());
        }
    }

    private static String rnode(Path port) {
        // AU915 has no duty cycle; 500 kHz at SF7: 60 ms per frame
        return "port = " + port + "\nplan = main/AU915.a\nspreading.factor = 7\ntx.power.dbm = 14\n"
                + "tx.jitter.ms = 20\nreconnect.ms = 200\n";
    }

    @Test
    void chatMessagesPostedOnOneNodeAppearOnTheOtherInConversationOrder() throws Exception {
        Path feature = feature("chat-node", "org.java-websocket:Java-WebSocket", "org.tinyssb:org.tinyssb.link.websocket",
                "org.tinyssb:org.tinyssb.app.chat");
        int port = NodeProcess.freePort();
        try (TestNode a = new TestNode(DIST, dir, "a"); TestNode b = new TestNode(DIST, dir, "b")) {
            a.configure("org.tinyssb.link.websocket.server", "host = 127.0.0.1\nport = " + port + "\n");
            b.configure("org.tinyssb.link.websocket.client", "urls = ws://127.0.0.1:" + port + "/\nbackoff.min.ms = 200\n");
            a.start(feature);
            b.start(feature);
            a.process().type("chat name alice");
            a.process().type("chat post hello from A");
            String fromA = awaitChat(b, "hello from A");
            assertTrue(fromA.contains("alice"), "B shows A's chosen name: " + fromA);
            b.process().type("chat post hi back from B");
            awaitChat(a, "hi back from B");
            int mark = a.process().lineCount();
            a.process().type("chat read");
            String hello = a.process().awaitLine(mark, "A's conversation", l -> l.contains("hello from A"));
            String reply = a.process().awaitLine(mark, "B's reply in it", l -> l.contains("hi back from B"));
            List<String> lines = a.process().output().lines().skip(mark).toList();
            assertTrue(lines.indexOf(hello) < lines.indexOf(reply), "the reply comes after what it answers:\n"
                    + String.join("\n", lines));

            // a private message, addressed by the display name B has heard
            mark = b.process().lineCount();
            b.process().type("chat dm alice psst, only for alice");
            b.process().awaitLine(mark, "B sending privately", l -> l.contains("sent privately #") && l.contains("to alice"));
            String dm = a.awaitCommandOutput("chat private", "A reading B's private message",
                    l -> l.contains("psst, only for alice"), REPLICATION_LIMIT);
            assertTrue(dm.contains("alice"), "shown as written to alice: " + dm);
            mark = a.process().lineCount();
            a.process().type("chat read");
            a.process().awaitLine(mark, "A's public conversation", l -> l.contains("hi back from B"));
            assertTrue(a.process().output().lines().skip(mark).noneMatch(l -> l.contains("psst")),
                    "a private message is not in the public conversation");
            a.awaitCommandOutput("sync", "A in step with B", l -> l.contains("in step with its peers"), REPLICATION_LIMIT);
        }
    }

    private static String awaitChat(TestNode node, String text) throws Exception {
        return node.awaitCommandOutput("chat read", "chat message '" + text + "'", l -> l.contains(text),
                REPLICATION_LIMIT);
    }

    private static String serial(Path port) {
        // a pseudo-terminal carries far more than a LoRa radio: pace the rounds for it
        return "port = " + port + "\nbaud = 115200\nframing = crc32\npackets.per.second = 200\nreconnect.ms = 200\n";
    }
}
