package org.tinyssb.store.file.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.tinyssb.api.FeedId;
import org.tinyssb.bench.Folders;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.codec.EntryContentCodec;
import org.tinyssb.codec.EntryName;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.LogEntry;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SideChain;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.testkit.SignedFeed;

/**
 * The file store's figures, each next to its reference measured in the same run:
 * <ul>
 * <li>opening 100 feeds of 10 000 entries (cold start) against reading every entry of them back
 * verified (what opening would cost without the index), and the heap the open store takes;</li>
 * <li>starting a store of 100,000 feeds of one entry from the summary a clean close leaves against
 * opening every folder (a start after a crash), the heap per feed, the open files;</li>
 * <li>ingest throughput in each durability setting, relative to {@code never};</li>
 * <li>ingest into a feed with 4,000 side chains that never complete, relative to one with none
 * (the frontier lists every pending chain: what that costs per write);</li>
 * <li>real disk use ({@code du}) per MiB that entries announce but never send.</li>
 * </ul>
 * The data sets are written once to {@code bench/target/store-bench} and
 * {@code bench/target/store-bench-100k} and reused. {@code java -Xmx128m -cp benchmarks.jar
 * org.tinyssb.store.file.internal.StoreBenchmark start} runs the 100,000-feed start alone (under
 * {@code ulimit -n 1024}, as on a Pi).
 */
public final class StoreBenchmark {
    private static final int FEEDS = 100;
    private static final int ENTRIES = 10_000;
    private static final int INGEST_ENTRIES = 3_000;
    private static final int MANY_FEEDS = 100_000;

    private StoreBenchmark() {
    }

    public static void run(Path work) throws Exception {
        Path data = work.resolve("store-bench");
        if (!Files.exists(data.resolve("complete"))) {
            writeDataSet(data);
        }
        coldStart(data);
        manyFeeds(work.resolve("store-bench-100k"));
        ingest(work.resolve("store-bench-ingest"));
        pendingChains(work.resolve("store-bench-pending"));
        announcedContent(work.resolve("store-bench-announced"));
    }

    /** The 100,000-feed start alone: {@code start} (from the working directory of the repository). */
    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        if (!java.util.List.of(args).contains("start")) {
            throw new IllegalArgumentException("usage: StoreBenchmark start");
        }
        manyFeeds(Path.of("bench", "target", "store-bench-100k"));
    }

    private static final int PENDING = 4_000;
    private static final int AFTER_PENDING = 2_000;

    /** Plain entries appended after {@code pending} entries whose chains never arrive; best of 3, entries/s. */
    private static double ingestAfterPending(Path dir, SyncMode mode, int pending) throws Exception {
        double best = 0;
        Random random = new Random(3);
        for (int repeat = 0; repeat < 3; repeat++) {
            Folders.deleteTree(dir);
            SignedFeed feed = SignedFeed.of("pending-bench");
            FileFeedStore store = new FileFeedStore(dir, mode, 200, Clock.systemUTC());
            FeedLog log = store.createLog(feed.id());
            for (int i = 0; i < pending; i++) {
                byte[] pointer = new byte[20];
                random.nextBytes(pointer);
                SignedFeed.Entry e = feed.addAnnouncing(1_000, pointer);
                log.append(e.seq(), e.packet(), e.messageId(), 10, pointer, List.of());
            }
            List<SignedFeed.Entry> plain = new ArrayList<>();
            for (int i = 0; i < AFTER_PENDING; i++) {
                plain.add(feed.add(new byte[20 + random.nextInt(8)]));
            }
            long t0 = System.nanoTime();
            for (SignedFeed.Entry e : plain) {
                log.append(e.seq(), e.packet(), e.messageId(), 0, null, List.of());
            }
            long t1 = System.nanoTime();
            store.close();
            best = Math.max(best, AFTER_PENDING / ((t1 - t0) / 1e9));
        }
        Folders.deleteTree(dir);
        return best;
    }

    private static void pendingChains(Path work) throws Exception {
        System.out.println();
        System.out.printf("ingest of %d plain entries into a feed with %d side chains pending vs none (best of 3)%n",
                AFTER_PENDING, PENDING);
        for (SyncMode mode : List.of(SyncMode.ALWAYS, SyncMode.BATCH)) {
            double none = ingestAfterPending(work, mode, 0);
            double many = ingestAfterPending(work, mode, PENDING);
            System.out.printf("  sync=%-7s: %9.0f entries/s with none, %9.0f with %d pending   ratio %5.2f%n",
                    mode.name().toLowerCase(), none, many, PENDING, many / none);
        }
    }

    /** Ten fresh keys announcing 16 MiB each, and ten such entries in one feed: real disk per announced MiB. */
    private static void announcedContent(Path work) throws Exception {
        Folders.deleteTree(work);
        FileFeedStore store = new FileFeedStore(work, SyncMode.ALWAYS, 200, Clock.systemUTC());
        long before = duKiB(work);
        byte[] pointer = Arrays.copyOf(Sha256.digest("never sent".getBytes()), 20);
        long announced = 0;
        SignedFeed one = SignedFeed.of("announcing-one");
        FeedLog oneLog = store.createLog(one.id());
        for (int k = 0; k < 10; k++) {
            SignedFeed stranger = SignedFeed.of("announcing-" + k);
            SignedFeed.Entry e = stranger.addAnnouncing(16L << 20, pointer);
            store.createLog(stranger.id()).append(1, e.packet(), e.messageId(), chunks(e), pointer, List.of());
            SignedFeed.Entry o = one.addAnnouncing(16L << 20, pointer);
            oneLog.append(o.seq(), o.packet(), o.messageId(), chunks(o), pointer, List.of());
            announced += 2 * (16L << 20);
        }
        store.close();
        long grown = duKiB(work) - before;
        System.out.println();
        System.out.printf("20 entries announcing 16 MiB each (10 fresh keys, and 10 in one feed): real disk +%d KiB "
                + "(du) for %d MiB announced: %.2f KiB per announced MiB%n", grown, announced >> 20,
                grown / (double) (announced >> 20));
        Folders.deleteTree(work);
    }

    private static int chunks(SignedFeed.Entry e) throws Exception {
        return org.tinyssb.codec.ChainHeader.of(e.packet()).chunkCount();
    }

    private static long duKiB(Path p) throws Exception {
        Process du = new ProcessBuilder("du", "-sk", p.toString()).redirectErrorStream(true).start();
        String out = new String(du.getInputStream().readAllBytes());
        du.waitFor();
        return Long.parseLong(out.split("\\s+")[0]);
    }

    /** 100 feeds x 10 000 entries: short contents, every 25th 500 bytes (5 chunks). */
    private static void writeDataSet(Path data) throws Exception {
        Folders.deleteTree(data);
        System.out.printf("writing the data set: %d feeds x %d entries into %s (once)%n", FEEDS, ENTRIES, data);
        FileFeedStore store = new FileFeedStore(data, SyncMode.NEVER, 1_000, Clock.systemUTC());
        Random random = new Random(1);
        long started = System.nanoTime();
        for (int f = 0; f < FEEDS; f++) {
            SigningKey key = SigningKey.fromSeed(Sha256.digest(("bench-" + f).getBytes()));
            FeedLog log = store.createLog(key.feedId());
            byte[] prev = EntryName.genesisPrev(key.feedId());
            for (int seq = 1; seq <= ENTRIES; seq++) {
                byte[] content = new byte[seq % 25 == 0 ? 500 : 20 + random.nextInt(40)];
                random.nextBytes(content);
                LogEntry e = FeedDataSet.append(log, key, seq, prev, content);
                prev = e.messageId();
            }
            if ((f + 1) % 10 == 0) {
                System.out.printf("  %d/%d feeds written (%.0f s)%n", f + 1, FEEDS, (System.nanoTime() - started) / 1e9);
            }
        }
        store.close();
        Files.writeString(data.resolve("complete"), "");
    }

    private static void coldStart(Path data) throws Exception {
        List<Long> openNanos = new ArrayList<>();
        List<Long> summaryNanos = new ArrayList<>();
        List<Long> heapBytes = new ArrayList<>();
        List<Long> readNanos = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            long s0 = System.nanoTime();
            new FileFeedStore(data, SyncMode.ALWAYS, 200, Clock.systemUTC()).close(); // from the summary
            summaryNanos.add(System.nanoTime() - s0);
            Files.deleteIfExists(data.resolve(StoreSummary.FILE)); // as after a crash: every folder opened
            long heapBefore = usedHeapAfterGc();
            long t0 = System.nanoTime();
            FileFeedStore store = new FileFeedStore(data, SyncMode.ALWAYS, 200, Clock.systemUTC());
            long t1 = System.nanoTime();
            heapBytes.add(usedHeapAfterGc() - heapBefore);
            long entries = 0;
            for (FeedId id : store.feeds()) {
                FeedLog log = store.log(id).orElseThrow();
                for (long seq = 1; seq <= log.height(); seq++) {
                    entries += log.entry(seq).isPresent() ? 1 : 0;
                }
            }
            long t2 = System.nanoTime();
            if (entries != (long) FEEDS * ENTRIES) {
                throw new IllegalStateException("read back " + entries + " entries");
            }
            store.close();
            openNanos.add(t1 - t0);
            readNanos.add(t2 - t1);
        }
        double open = median(openNanos) / 1e6;
        double read = median(readNanos) / 1e6;
        System.out.println();
        System.out.printf("cold start, %d feeds x %d entries (median of 5)%n", FEEDS, ENTRIES);
        System.out.printf("  open the store (frontiers, index check)   : %8.1f ms%n", open);
        System.out.printf("  open and close it from the summary        : %8.1f ms%n", median(summaryNanos) / 1e6);
        System.out.printf("  read every entry back, verified           : %8.1f ms%n", read);
        System.out.printf("  ratio open / full read                    : %8.4f%n", open / read);
        System.out.printf("  heap held by the open store               : %8.1f KiB (%.0f bytes per feed)%n",
                median(heapBytes) / 1024.0, median(heapBytes) / (double) FEEDS);
    }

    /** 100,000 feeds of one entry (20..59 bytes), each by its own key. */
    private static void writeManyFeeds(Path data) throws Exception {
        Folders.deleteTree(data);
        System.out.printf("writing the data set: %d feeds x 1 entry into %s (once)%n", MANY_FEEDS, data);
        FileFeedStore store = new FileFeedStore(data, SyncMode.NEVER, 1_000, Clock.systemUTC());
        Random random = new Random(4);
        long started = System.nanoTime();
        for (int f = 0; f < MANY_FEEDS; f++) {
            SigningKey key = SigningKey.fromSeed(Sha256.digest(("many-" + f).getBytes()));
            byte[] content = new byte[20 + random.nextInt(40)];
            random.nextBytes(content);
            FeedDataSet.append(store.createLog(key.feedId()), key, 1, EntryName.genesisPrev(key.feedId()), content);
            if ((f + 1) % 20_000 == 0) {
                System.out.printf("  %d/%d feeds written (%.0f s)%n", f + 1, MANY_FEEDS,
                        (System.nanoTime() - started) / 1e9);
            }
        }
        store.close();
        Files.writeString(data.resolve("complete"), "");
    }

    /**
     * Starts of 100,000 feeds: from the summary a clean close leaves, and from the folders (the
     * summary deleted, as after a crash), alternately, 3 of each; the heap the open store holds
     * per feed; the channels open at most during a start from the folders; the clean close.
     */
    private static void manyFeeds(Path data) throws Exception {
        if (!Files.exists(data.resolve("complete"))) {
            writeManyFeeds(data);
        }
        if (!Files.exists(data.resolve(StoreSummary.FILE))) {
            new FileFeedStore(data, SyncMode.ALWAYS, 200, Clock.systemUTC()).close();
        }
        // what a node does once: the first start in its JVM (classes loaded, code not compiled yet)
        long f0 = System.nanoTime();
        FileFeedStore first = new FileFeedStore(data, SyncMode.ALWAYS, 200, Clock.systemUTC());
        double firstMillis = (System.nanoTime() - f0) / 1e6;
        first.close();
        List<Long> summaryNanos = new ArrayList<>();
        List<Long> folderNanos = new ArrayList<>();
        List<Long> closeNanos = new ArrayList<>();
        List<Long> summaryHeap = new ArrayList<>();
        List<Long> folderHeap = new ArrayList<>();
        int peakChannels = 0;
        long summaryBytes = 0;
        for (int round = 0; round < 3; round++) {
            for (boolean fromSummary : new boolean[] {false, true}) {
                if (!fromSummary) {
                    Files.deleteIfExists(data.resolve(StoreSummary.FILE));
                } else {
                    summaryBytes = Files.size(data.resolve(StoreSummary.FILE));
                }
                long heapBefore = usedHeapAfterGc();
                long t0 = System.nanoTime();
                FileFeedStore store = new FileFeedStore(data, SyncMode.ALWAYS, 200, Clock.systemUTC());
                long t1 = System.nanoTime();
                long heap = usedHeapAfterGc() - heapBefore;
                int taken = fromSummary ? store.feedsFromSummary() : store.feedsFromFolders();
                if (taken != MANY_FEEDS || store.feeds().size() != MANY_FEEDS) {
                    throw new IllegalStateException(taken + " of " + store.feeds().size() + " feeds taken "
                            + (fromSummary ? "from the summary" : "from the folders"));
                }
                if (!fromSummary) {
                    peakChannels = Math.max(peakChannels, store.handles().peakChannels());
                }
                long t2 = System.nanoTime();
                store.close();
                closeNanos.add(System.nanoTime() - t2);
                (fromSummary ? summaryNanos : folderNanos).add(t1 - t0);
                (fromSummary ? summaryHeap : folderHeap).add(heap);
            }
        }
        double summary = median(summaryNanos) / 1e6;
        double folders = median(folderNanos) / 1e6;
        System.out.println();
        System.out.printf("start of %,d feeds x 1 entry (median of 3 each; JVM heap max %d MiB)%n", MANY_FEEDS,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("  from the summary, first in this JVM     : %8.1f ms%n", firstMillis);
        System.out.printf("  from the summary                        : %8.1f ms (one file of %,d bytes)%n", summary,
                summaryBytes);
        System.out.printf("  from the folders (after a crash)        : %8.1f ms   ratio summary / folders %.3f%n",
                folders, summary / folders);
        System.out.printf("  clean close (frontiers, summary)        : %8.1f ms%n", median(closeNanos) / 1e6);
        System.out.printf("  heap held by the open store             : %8.0f bytes per feed (from the folders: %.0f)%n",
                median(summaryHeap) / MANY_FEEDS, median(folderHeap) / MANY_FEEDS);
        System.out.printf("  channels open at most (from the folders): %8d (max.open.feeds %d)%n", peakChannels,
                FeedHandles.DEFAULT_MAX_OPEN);
    }

    private static void ingest(Path work) throws Exception {
        SigningKey key = SigningKey.fromSeed(Sha256.digest("ingest".getBytes()));
        List<LogEntry> entries = new ArrayList<>();
        List<List<byte[]>> chains = new ArrayList<>();
        Random random = new Random(2);
        byte[] prev = EntryName.genesisPrev(key.feedId());
        for (int seq = 1; seq <= INGEST_ENTRIES; seq++) {
            byte[] content = new byte[seq % 25 == 0 ? 500 : 20 + random.nextInt(40)];
            random.nextBytes(content);
            EntryContentCodec.Encoded enc = EntryContentCodec.encode(content);
            LogEntry e = Entries.sign(key, seq, prev, enc.type(), enc.payload());
            entries.add(e);
            chains.add(enc.chunks());
            prev = e.messageId();
        }
        double[] rate = new double[SyncMode.values().length];
        for (int repeat = 0; repeat < 3; repeat++) {
            for (SyncMode mode : SyncMode.values()) {
                Path dir = work.resolve(mode.name().toLowerCase() + repeat);
                Folders.deleteTree(dir);
                FileFeedStore store = new FileFeedStore(dir, mode, 200, Clock.systemUTC());
                FeedLog log = store.createLog(key.feedId());
                long t0 = System.nanoTime();
                for (int i = 0; i < entries.size(); i++) {
                    LogEntry e = entries.get(i);
                    log.append(i + 1, e.packet(), e.messageId(), chains.get(i).size(),
                            SideChain.firstPointer(chains.get(i)), List.of());
                    for (int c = 0; c < chains.get(i).size(); c++) {
                        byte[] chunk = chains.get(i).get(c);
                        log.putChunk(i + 1, c, chunk, SideChain.nextPointer(chunk));
                    }
                }
                long t1 = System.nanoTime();
                store.close();
                rate[mode.ordinal()] = Math.max(rate[mode.ordinal()], entries.size() / ((t1 - t0) / 1e9));
                Folders.deleteTree(dir);
            }
        }
        System.out.println();
        System.out.printf("ingest, one feed of %d entries replicated entry then chunks (best of 3)%n", INGEST_ENTRIES);
        double never = rate[SyncMode.NEVER.ordinal()];
        for (SyncMode mode : SyncMode.values()) {
            System.out.printf("  sync=%-7s: %10.0f entries/s   ratio to never %6.3f%n", mode.name().toLowerCase(),
                    rate[mode.ordinal()], rate[mode.ordinal()] / never);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50); // a measurement pause, not synchronisation: lets the collector settle
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double median(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
