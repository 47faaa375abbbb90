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
 * <li>ingest throughput in each durability setting, relative to {@code never};</li>
 * <li>ingest into a feed with 4,000 side chains that never complete, relative to one with none
 * (the frontier lists every pending chain: what that costs per write);</li>
 * <li>real disk use ({@code du}) per MiB that entries announce but never send.</li>
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
        pendingChains(work.resolve("store-bench-pending"));
        announcedContent(work.resolve("store-bench-announced"));
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
