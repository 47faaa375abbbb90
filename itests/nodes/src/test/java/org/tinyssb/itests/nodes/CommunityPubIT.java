package org.tinyssb.itests.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.launcher.NodeProcess;
import org.tinyssb.launcher.TestNode;
import org.tinyssb.store.file.internal.FeedDataSet;

/**
 * A community pub: node A holds 600 feeds (six times what GOset 1 holds) and runs, as on a
 * Raspberry Pi, under a limit of 1,024 open files; a fresh node B that follows nobody connects
 * over WebSocket, under the same limit, and ends holding every one of them, side chains included.
 * (Before the file store bounded its open files, A could not start; before feed pages, B got
 * nothing of the feeds its GOset could not name.)
 */
class CommunityPubIT {
    private static final Path DIST = Path.of(System.getProperty("tinyssb.dist"));
    private static final int FEEDS = 600;
    private static final int ENTRIES = 3;
    private static final int OPEN_FILES = 1_024;
    private static final List<String> SMALL_JVM = List.of("-Xmx128m");

    @TempDir
    Path dir;

    private static SigningKey author(int i) {
        return SigningKey.fromSeed(Sha256.digest(("community-" + i).getBytes(StandardCharsets.UTF_8)));
    }

    /** Every fifth feed's last entry has 300 bytes of content: a side chain of 3 chunks. */
    private static byte[] content(int feed, long seq) {
        if (feed % 5 == 0 && seq == ENTRIES) {
            byte[] b = new byte[300];
            new java.util.Random(feed).nextBytes(b);
            return b;
        }
        return ("entry " + seq + " of feed " + feed).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFreshNodeGetsEverySixHundredFeedsOfAPubUnderAThousandOpenFiles() throws Exception {
        Path feature = NodeFeatures.write(dir, "ws-node", NodeFeatures.WEBSOCKET);
        int port = NodeProcess.freePort();
        try (TestNode a = new TestNode(DIST, dir, "a"); TestNode b = new TestNode(DIST, dir, "b")) {
            FeedDataSet.write(a.data.resolve("feeds"), FEEDS, CommunityPubIT::author, ENTRIES, CommunityPubIT::content, 2);
            a.configure("org.tinyssb.link.websocket.server", "host = 127.0.0.1\nport = " + port + "\n");
            b.configure("org.tinyssb.link.websocket.client", "urls = ws://127.0.0.1:" + port + "/\n");
            a.launchLimited(feature.toString(), OPEN_FILES, SMALL_JVM);
            a.process().awaitLine("A's WebSocket server", l -> l.contains("WebSocket server listening"));
            b.launchLimited(feature.toString(), OPEN_FILES, SMALL_JVM);
            b.process().awaitLine("B's connection to A", l -> l.contains("ws-out:") && l.endsWith(" connected"));
            long started = System.nanoTime();
            for (int i = 0; i < FEEDS; i++) {
                b.awaitFrontier(author(i).feedId().toHex(), ENTRIES, Duration.ofMinutes(3));
            }
            System.out.printf("a fresh node got %d feeds x %d entries (%d side chains) from a pub in %.1f s, both "
                    + "under ulimit -n %d%n", FEEDS, ENTRIES, FEEDS / 5, (System.nanoTime() - started) / 1e9, OPEN_FILES);
            a.stop();
            b.stop();
            String out = a.process().output() + b.process().output();
            assertEquals(-1, out.indexOf("Too many open files"), "no node ran out of file handles:\n" + out);
            assertEquals(-1, out.indexOf("quarantined"), "no feed was set aside:\n" + out);
        }
    }
}
