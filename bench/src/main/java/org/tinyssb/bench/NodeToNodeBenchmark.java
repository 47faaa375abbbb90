package org.tinyssb.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tinyssb.codec.EntryContentCodec;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.launcher.NodeProcess;
import org.tinyssb.launcher.TestNode;
import org.tinyssb.store.file.internal.FeedDataSet;

/**
 * Two nodes of the built distribution ({@code default} feature, separate JVMs) over a loopback
 * WebSocket: node A holds 20 feeds x 500 entries (every tenth with a 2 KiB content, a side chain),
 * node B starts empty, connects, and replicates everything. Reported per run: the time from B's
 * connection to its last chunk, the packets each way, the duplicates B dropped, and packets sent
 * per entry or chunk delivered. B runs with the default {@code sync=always} and with
 * {@code sync=batch} (what the disk costs), and once more with {@code sync=batch} under the limits
 * the nodes had before (answer credit 24 on streams, 2,000 packets/s per WebSocket), side by side.
 * The same run measures, in this process, how many entries per second the node's receive path
 * verifies and stores (one thread, warmed up): the ratio says how close the protocol comes to it.
 */
public final class NodeToNodeBenchmark {
    private static final int FEEDS = 20;
    private static final int ENTRIES = 2_000;
    private static final long LIMIT_NANOS = 15 * 60 * 1_000_000_000L;

    private NodeToNodeBenchmark() {
    }

    /**
     * Distinct contents (identical ones would share their chunks, which tinySSB sends once for
     * all of them): every tenth entry 2 KiB of seeded random bytes, the others a short text.
     */
    static byte[] content(int feed, long seq) {
        if (seq % 10 != 0) {
            return ("entry " + seq + " of feed " + feed).getBytes(StandardCharsets.UTF_8);
        }
        byte[] b = new byte[2048];
        new java.util.Random(feed * 1_000_003L + seq).nextBytes(b);
        return b;
    }

    /** The result of one run. */
    record Run(String setting, double seconds, long aToB, long bToA, long dropped, long needed) {
    }

    /** What one run changes: B's store durability and, for the earlier limits, A's and B's settings. */
    record Setting(String label, String sync, String nodeConfig, String clientConfig) {
    }

    static final List<Setting> SETTINGS = List.of(
            new Setting("batch, earlier limits", "batch", "answer.credit.stream = 24\n",
                    "max.packets.per.second = 2000\n"),
            new Setting("always", "always", "", ""),
            new Setting("batch", "batch", "", ""));

    public static void run(Path dist, Path work) throws Exception {
        if (!Files.isRegularFile(dist.resolve("lib").resolve("tinyssb-launcher.jar"))) {
            throw new IllegalStateException("no distribution at " + dist + ": build it first (mvn -B -q -DskipTests package)");
        }
        List<SigningKey> authors = new ArrayList<>();
        for (int i = 0; i < FEEDS; i++) {
            authors.add(SigningKey.fromSeed(Sha256.digest(("bench-author-" + i).getBytes(StandardCharsets.UTF_8))));
        }
        long needed = 0;
        for (int feed = 0; feed < FEEDS; feed++) {
            for (long seq = 1; seq <= ENTRIES; seq++) {
                needed += 1 + EntryContentCodec.encode(content(feed, seq)).chunks().size();
            }
        }
        Path root = work.resolve("node-bench");
        System.out.printf("node to node over loopback WebSocket: %d feeds x %d entries (%,d entries and chunks)%n",
                FEEDS, ENTRIES, needed);
        double verifyRate = IngestBenchmark.entriesPerSecond(3_000);
        System.out.printf("the node's receive path verifies and stores %,.0f entries/s (one thread, in this process)%n",
                verifyRate);
        List<Run> runs = new ArrayList<>();
        for (Setting setting : SETTINGS) {
            Folders.deleteTree(root);
            runs.add(once(dist, root, authors, setting, needed));
        }
        System.out.println();
        System.out.println("B's sync               seconds  entries+chunks/s  of verify rate  packets A->B  packets B->A"
                + "  dropped at B  A->B per item");
        System.out.println("---------------------  -------  ----------------  --------------  ------------  ------------"
                + "  ------------  -------------");
        for (Run r : runs) {
            System.out.printf("%-21s  %7.1f  %16.0f  %14.2f  %,12d  %,12d  %,12d  %13.3f%n", r.setting, r.seconds,
                    r.needed / r.seconds, r.needed / r.seconds / verifyRate, r.aToB, r.bToA, r.dropped,
                    r.aToB / (double) r.needed);
        }
        System.out.printf("time always / batch: %.2f; batch now / with the earlier limits: %.2f%n",
                runs.get(1).seconds / runs.get(2).seconds, runs.get(2).seconds / runs.get(0).seconds);
        Folders.deleteTree(root);
    }

    private static Run once(Path dist, Path root, List<SigningKey> authors, Setting setting, long needed)
            throws Exception {
        String sync = setting.sync();
        try (TestNode a = new TestNode(dist, root, "a"); TestNode b = new TestNode(dist, root, "b")) {
            FeedDataSet.write(a.data.resolve("feeds"), authors, ENTRIES, NodeToNodeBenchmark::content);
            int port = NodeProcess.freePort();
            NodeProcess.freePortsConfig(a.config);
            NodeProcess.freePortsConfig(b.config);
            a.configure("org.tinyssb.link.websocket.server", "host = 127.0.0.1\nport = " + port + "\n");
            b.configure("org.tinyssb.link.websocket.client", "urls = ws://127.0.0.1:" + port + "/\n"
                    + setting.clientConfig());
            if (!setting.nodeConfig().isEmpty()) {
                a.configure("org.tinyssb.core.node", setting.nodeConfig());
            }
            b.configure("org.tinyssb.store.file", "sync = " + sync + "\n");
            a.start("default");
            b.start("default");
            b.process().awaitLine("B's connection to A", l -> l.contains("ws-out:") && l.endsWith(" connected"));
            long started = System.nanoTime();
            long lastReport = started;
            while (true) {
                long entries = 0;
                long pendingChains = 0;
                for (SigningKey k : authors) {
                    long[] f = b.frontier(k.feedId().toHex());
                    entries += Math.max(0, f[0]);
                    pendingChains += f[1];
                }
                if (entries == (long) FEEDS * ENTRIES && pendingChains == 0) {
                    break;
                }
                long now = System.nanoTime();
                if (now - started > LIMIT_NANOS) {
                    throw new IllegalStateException("B did not replicate within 15 min; its output:\n"
                            + b.process().output());
                }
                if (now - lastReport > 5_000_000_000L) {
                    lastReport = now;
                    System.out.printf("  sync=%s: B holds %,d of %,d entries, %d side chains incomplete (%.0f s)%n",
                            sync, entries, (long) FEEDS * ENTRIES, pendingChains, (now - started) / 1e9);
                }
                Thread.sleep(100); // polling files another process writes
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long[] bLink = linkRow(b, "ws-out:");
            a.stop();
            b.stop();
            System.out.printf("  %s: done in %.1f s%n", setting.label(), seconds);
            return new Run(setting.label(), seconds, bLink[0], bLink[1], bLink[2], needed);
        }
    }

    /** in, out and dropped of the node's link whose id starts with {@code prefix} ({@code links} table). */
    static long[] linkRow(TestNode node, String prefix) throws InterruptedException, IOException {
        int mark = node.process().lineCount();
        node.process().type("links");
        String row = node.process().awaitLine(mark, node.name + "'s link " + prefix, l -> l.startsWith(prefix));
        String[] cols = row.trim().split("\\s+");
        return new long[] {Long.parseLong(cols[2]), Long.parseLong(cols[3]), Long.parseLong(cols[4])};
    }
}
