package org.tinyssb.itests.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.codec.Bipf;
import org.tinyssb.codec.BipfException;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.launcher.NodeProcess;
import org.tinyssb.launcher.TestNode;

/**
 * A node pulling feeds with side chains over WebSocket is killed (SIGKILL) again and again at
 * random moments of the transfer, most of them between a write to log.bin and the frontier that
 * names it; started again each time, it goes on where it was. After the last start its store is
 * byte-identical to the source's, and no run ever failed to store what it was sent.
 */
class KillIT {
    private static final Path DIST = Path.of(System.getProperty("tinyssb.dist"));
    private static final int FEEDS = 10;
    private static final int ENTRIES = 300; // 3,000 entries and 6,300 chunks
    private static final int KILLS = 30;
    private static final int IN_WINDOW = 10;
    private static final Duration WRITES_LIMIT = Duration.ofSeconds(60);
    private static final long SEED = Long.getLong("kill.seed", 20261201L);

    @TempDir
    Path dir;

    @Test
    void aNodeKilledAtRandomMomentsOfAnInitialSyncEndsWithTheSourcesStoreByteForByte() throws Exception {
        Path feature = NodeFeatures.write(dir, "ws-node", NodeFeatures.WEBSOCKET);
        int port = NodeProcess.freePort();
        List<SigningKey> keys = SourceNode.authors(FEEDS);
        Random random = new Random(SEED);
        List<String> outputs = new ArrayList<>();
        try (TestNode a = SourceNode.publish(DIST, dir, FEEDS, ENTRIES, feature, "org.tinyssb.link.websocket.server",
                "host = 127.0.0.1\nport = " + port + "\n"); TestNode b = new TestNode(DIST, dir, "b")) {
            b.configure("org.tinyssb.link.websocket.client", "urls = ws://127.0.0.1:" + port + "/\nbackoff.min.ms = 100\n");
            int kills = 0;
            int inWindow = 0;
            while (kills < KILLS || inWindow < IN_WINDOW) {
                assertTrue(kills < 3 * KILLS, "only " + inWindow + " of " + kills + " kills landed in the window");
                long before = writeMark(b, keys);
                b.launch(feature.toString());
                awaitWrites(b, keys, before);
                Thread.sleep(random.nextInt(40)); // the random moment of the kill, not a synchronisation
                b.kill();
                outputs.add(b.process().output());
                kills++;
                inWindow += logAheadOfFrontier(b) ? 1 : 0;
                assertFalse(complete(b, keys), "the data set was pulled whole before kill " + kills
                        + ": make it larger");
            }
            b.start(feature);
            for (SigningKey k : keys) {
                b.awaitFrontier(k.feedId().toHex(), ENTRIES, Duration.ofMinutes(3));
            }
            a.stop();
            b.stop();
            outputs.add(b.process().output());
            SourceNode.assertSameFiles(a, b, keys);
            for (int run = 0; run < outputs.size(); run++) {
                String out = outputs.get(run);
                assertFalse(out.contains("cannot store") || out.contains("cannot append"),
                        "run " + run + " failed to store:\n" + out);
            }
            System.out.printf("%d SIGKILLs (seed %d), %d of them inside the write-to-frontier window; the store ends "
                    + "byte-identical to the source's%n", kills, SEED, inWindow);
        }
    }

    /** Waits until B writes to its logs (connected, GOset agreed, entries and chunks arriving). */
    private static void awaitWrites(TestNode b, List<SigningKey> keys, long before) throws Exception {
        long deadline = System.nanoTime() + WRITES_LIMIT.toNanos();
        while (writeMark(b, keys) == before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("B wrote nothing within " + WRITES_LIMIT.toSeconds() + " s of its start:\n"
                        + b.process().output());
            }
            Thread.sleep(2); // polling files another process writes, bounded by the deadline
        }
    }

    /**
     * What changes whenever B stores something: the lengths of its logs (entries) and its
     * frontiers' contents (chunks fill holes in a log without changing its length; the frontier
     * that follows at the store's sync interval names them).
     */
    private static long writeMark(TestNode b, List<SigningKey> keys) throws IOException {
        long mark = 0;
        for (SigningKey k : keys) {
            Path feed = b.data.resolve("feeds").resolve(k.feedId().toHex());
            Path log = feed.resolve("log.bin");
            Path frontier = feed.resolve("frontier.bin");
            mark = 31 * mark + (Files.exists(log) ? Files.size(log) : 0);
            mark = 31 * mark + (Files.exists(frontier) ? java.util.Arrays.hashCode(Files.readAllBytes(frontier)) : 0);
        }
        return mark;
    }

    /**
     * Whether some feed's log.bin holds what its frontier.bin does not name yet (a record beyond
     * max_pos, or a chunk in the slot a pending chain waits for): the kill hit the crash window.
     */
    private static boolean logAheadOfFrontier(TestNode b) throws IOException {
        Path feeds = b.data.resolve("feeds");
        if (!Files.isDirectory(feeds)) {
            return false;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(feeds, Files::isDirectory)) {
            for (Path f : folders) {
                Path frontier = f.resolve("frontier.bin");
                if (!Files.exists(frontier) || !Files.exists(f.resolve("log.bin"))) {
                    continue;
                }
                try {
                    Map<?, ?> front = (Map<?, ?>) Bipf.decode(Files.readAllBytes(frontier));
                    if (Files.size(f.resolve("log.bin")) > (Long) front.get("max_pos")) {
                        return true;
                    }
                    for (Object pending : ((Map<?, ?>) front.get("pend_sc")).values()) {
                        long slot = (Long) ((List<?>) pending).get(3);
                        if (slotWritten(f.resolve("log.bin"), slot)) {
                            return true;
                        }
                    }
                } catch (BipfException | RuntimeException e) {
                    return true; // a frontier.bin that is not whole is inside the window too
                }
            }
        }
        return false;
    }

    private static boolean slotWritten(Path log, long slot) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(log)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(120);
            ch.read(buf, slot);
            for (byte x : buf.array()) {
                if (x != 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean complete(TestNode b, List<SigningKey> keys) throws IOException {
        for (SigningKey k : keys) {
            long[] f = b.frontier(k.feedId().toHex());
            if (f[0] != ENTRIES || f[1] != 0) {
                return false;
            }
        }
        return true;
    }
}
