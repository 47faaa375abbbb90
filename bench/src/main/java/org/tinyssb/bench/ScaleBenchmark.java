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
 * A community pub and a newcomer: node A (the built distribution, {@code default} feature) holds N
 * feeds x 10 entries (the tenth of each with 300 bytes of content, a side chain of 3 chunks); a
 * fresh node B with the default configuration connects over loopback WebSocket and pulls them all.
 * Side by side for each N in one run: A's cold start to listening in a JVM of {@code -Xmx128m}
 * under {@code ulimit -n 1024}, the heap A holds per feed, B's time from connecting to holding
 * everything, and B's heap per feed at the end. The data sets are written once under
 * {@code bench/target/scale} and kept (A reopens them at every run).
 */
public final class ScaleBenchmark {
    static final int ENTRIES = 10;
    private static final long LIMIT_NANOS = 60 * 60 * 1_000_000_000L;
    static final List<String> POOR_JVM = List.of("-Xmx128m");

    private ScaleBenchmark() {
    }

    static byte[] content(int feed, long seq) {
        if (seq != ENTRIES) {
            return ("entry " + seq + " of feed " + feed).getBytes(StandardCharsets.UTF_8);
        }
        byte[] b = new byte[300];
        new java.util.Random(feed * 1_000_003L + seq).nextBytes(b);
        return b;
    }

    static SigningKey author(int i) {
        return SigningKey.fromSeed(Sha256.digest(("scale-author-" + i).getBytes(StandardCharsets.UTF_8)));
    }

    /** One size's figures. */
    record Run(int feeds, long items, double coldStartSeconds, double heapPerFeedA, double pullSeconds,
            double heapPerFeedB, long bToA, long aToB) {
    }

    public static void run(Path dist, Path work, List<Integer> sizes) throws Exception {
        if (!Files.isRegularFile(dist.resolve("lib").resolve("tinyssb-launcher.jar"))) {
            throw new IllegalStateException("no distribution at " + dist + ": build it first (mvn -B -q -DskipTests package)");
        }
        List<Run> runs = new ArrayList<>();
        for (int n : sizes) {
            runs.add(once(dist, work.resolve("scale"), n));
        }
        System.out.println();
        System.out.println("feeds    entries+chunks  A cold start  A heap/feed  B pulls all  items/s  B heap/feed"
                + "  packets A->B  B->A");
        System.out.println("-------  --------------  ------------  -----------  -----------  -------  -----------"
                + "  ------------  ----");
        for (Run r : runs) {
            System.out.printf("%,7d  %,14d  %10.2f s  %9.0f B  %9.1f s  %,7.0f  %9.0f B  %,12d  %,d%n", r.feeds, r.items,
                    r.coldStartSeconds, r.heapPerFeedA, r.pullSeconds, r.items / r.pullSeconds, r.heapPerFeedB, r.aToB,
                    r.bToA);
        }
    }

    private static Run once(Path dist, Path root, int n) throws Exception {
        Path base = root.resolve(Integer.toString(n));
        TestNode a = new TestNode(dist, base, "a");
        Path ready = base.resolve("data-set-complete");
        if (!Files.exists(ready)) {
            Folders.deleteTree(a.data);
            Files.createDirectories(a.data);
            a.addKey(SigningKey.fromSeed(Sha256.digest("scale-node-a".getBytes(StandardCharsets.UTF_8))), true);
            long t0 = System.nanoTime();
            write(a.data.resolve("feeds"), n);
            Files.writeString(ready, "");
            System.out.printf("wrote %,d feeds x %d entries in %.0f s%n", n, ENTRIES, (System.nanoTime() - t0) / 1e9);
        }
        long items = (long) n * (ENTRIES + EntryContentCodec.encode(content(0, ENTRIES)).chunks().size());
        Path runs = base.resolve("run");
        Folders.deleteTree(runs);
        int port = NodeProcess.freePort();
        NodeProcess.freePortsConfig(a.config);
        a.configure("org.tinyssb.link.websocket.server", "host = 127.0.0.1\nport = " + port + "\n");
        try (TestNode b = new TestNode(dist, runs, "b"); TestNode e = new TestNode(dist, runs, "empty")) {
            // a node of the same feature in the same JVM holding nothing: the heap A needs beyond it is the feeds'
            NodeProcess.freePortsConfig(e.config);
            e.launchLimited("default", 1024, POOR_JVM);
            NodeProcess pe = e.process();
            pe.awaitLine("the empty node's engine", l -> l.contains("engine started:"));
            long emptyA = heapUsed(pe.pid());
            pe.terminate();
            pe.awaitExit();
            long started = System.nanoTime();
            a.launchLimited("default", 1024, POOR_JVM);
            NodeProcess pa = a.process();
            pa.awaitLine("A listening", l -> l.contains("WebSocket server listening"));
            pa.awaitLine("A's engine", l -> l.contains("engine started:"));
            double coldStart = (System.nanoTime() - started) / 1e9;

            NodeProcess.freePortsConfig(b.config);
            b.start("default");
            long empty = heapUsed(b.process().pid()); // B before it holds anything
            System.out.printf("  %,d feeds: A listens %.2f s after its JVM started (-Xmx128m, ulimit -n 1024)%n", n,
                    coldStart);
            b.process().type("connect ws://127.0.0.1:" + port + "/");
            b.process().awaitLine("B's connection to A", l -> l.contains("ws-out:") && l.endsWith(" connected"));
            long connected = System.nanoTime();
            long[] seen = awaitItems(b, items, connected);
            double pull = (System.nanoTime() - connected) / 1e9;
            System.out.printf("  %,d feeds: B holds %,d entries and %,d chunks %.1f s after it connected%n", n, seen[0],
                    seen[1], pull);
            checkStore(b, n);
            long heapA = heapUsed(pa.pid()); // both idle now (their apps have read every entry)
            long heapB = heapUsed(b.process().pid());
            long[] link = NodeToNodeBenchmark.linkRow(b, "ws-out:");
            b.stop();
            pa.terminate();
            pa.awaitExit();
            return new Run(n, items, coldStart, (heapA - emptyA) / (double) n, pull, (heapB - empty) / (double) n,
                    link[1], link[0]);
        } finally {
            a.close();
        }
    }

    /** Writes the data set: {@code n} feeds, on every core. */
    private static void write(Path feeds, int n) throws Exception {
        FeedDataSet.write(feeds, n, ScaleBenchmark::author, ENTRIES, ScaleBenchmark::content,
                Runtime.getRuntime().availableProcessors());
    }

    /** Waits until B's metrics count {@code items} entries and chunks; returns what they count. */
    private static long[] awaitItems(TestNode b, long items, long since) throws Exception {
        long lastReport = since;
        while (true) {
            String line = b.awaitCommandOutput("metrics", "B's metrics", l -> l.contains("entries published"),
                    java.time.Duration.ofMinutes(1));
            // "entries published 0, ingested 1234, chunks ingested 56" (after the shell's prompt)
            String[] w = line.substring(line.indexOf("entries published")).replace(",", "").split(" ");
            long entries = Long.parseLong(w[4]);
            long chunks = Long.parseLong(w[7]);
            long now = System.nanoTime();
            if (entries + chunks >= items) {
                return new long[] {entries, chunks};
            }
            if (now - since > LIMIT_NANOS) {
                throw new IllegalStateException("B holds " + (entries + chunks) + " of " + items + " after an hour");
            }
            if (now - lastReport > 10_000_000_000L) {
                lastReport = now;
                System.out.printf("    B holds %,d of %,d entries and chunks (%.0f s)%n", entries + chunks, items,
                        (now - since) / 1e9);
            }
            Thread.sleep(200); // polling another process, bounded above
        }
    }

    /** Every feed of the data set complete in B's store (frontiers written at the store's sync interval). */
    private static void checkStore(TestNode b, int n) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int i = 0; i < n; i++) {
            String hex = author(i).feedId().toHex();
            long[] f;
            while ((f = b.frontier(hex))[0] != ENTRIES || f[1] != 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("feed " + i + " at B: " + f[0] + " entries, " + f[1] + " chains pending");
                }
                Thread.sleep(50); // the frontier follows the writes at the store's sync interval
            }
        }
    }

    /** Bytes of heap in use in process {@code pid} after a full collection (jcmd). */
    static long heapUsed(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, Long.toString(pid), "GC.run");
        String info = run(jcmd, Long.toString(pid), "GC.heap_info");
        // "... garbage-first heap   total 131072K, used 45678K [..."
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("jcmd GC.heap_info said: " + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
