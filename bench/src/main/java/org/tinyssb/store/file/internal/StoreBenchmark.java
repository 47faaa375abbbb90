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

/**
 * The file store's figures, each next to its reference measured in the same run:
 * <ul>
 * <li>opening 100 feeds of 10 000 entries (cold start) against reading every entry of them back
 * verified (what opening would cost without the index), and the heap the open store takes;</li>
 * <li>ingest throughput in each durability setting, relative to {@code never}.</li>
 * </ul>
 * The data set is written once to {@code bench/target/store-bench} and reused.
 */
public final class StoreBenchmark {
    private static final int FEEDS = 100;
    private static final int ENTRIES = 10_000;
    private static final int INGEST_ENTRIES = 3_000;

    private StoreBenchmark() {
    }

    public static void run(Path work) throws Exception {
        Path data = work.resolve("store-bench");
        if (!Files.exists(data.resolve("complete"))) {
            writeDataSet(data);
        }
        coldStart(data);
        ingest(work.resolve("store-bench-ingest"));
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
        List<Long> heapBytes = new ArrayList<>();
        List<Long> readNanos = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
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
        System.out.printf("  read every entry back, verified           : %8.1f ms%n", read);
        System.out.printf("  ratio open / full read                    : %8.4f%n", open / read);
        System.out.printf("  heap held by the open store               : %8.1f KiB (%.0f bytes per feed)%n",
                median(heapBytes) / 1024.0, median(heapBytes) / (double) FEEDS);
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
