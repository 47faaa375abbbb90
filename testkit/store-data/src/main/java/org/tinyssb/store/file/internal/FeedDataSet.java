package org.tinyssb.store.file.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.codec.EntryContentCodec;
import org.tinyssb.codec.EntryName;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.LogEntry;
import org.tinyssb.codec.SideChain;
import org.tinyssb.codec.SigningKey;

/**
 * Benchmark data sets: signed feeds written straight into a file store folder (the reference
 * layout), side chains included, as if they had been replicated.
 */
public final class FeedDataSet {
    private FeedDataSet() {
    }

    /** The content of entry {@code seq} of the {@code feed}-th author. */
    @FunctionalInterface
    public interface Contents {
        byte[] of(int feed, long seq);
    }

    /** Writes {@code entries} entries of each of {@code authors} into the store folder {@code dir}. */
    public static void write(Path dir, List<SigningKey> authors, int entries, Contents contents) throws Exception {
        FileFeedStore store = new FileFeedStore(dir, SyncMode.NEVER, 1_000, Clock.systemUTC());
        try {
            for (int feed = 0; feed < authors.size(); feed++) {
                SigningKey author = authors.get(feed);
                FeedLog log = store.createLog(author.feedId());
                byte[] prev = EntryName.genesisPrev(author.feedId());
                for (int seq = 1; seq <= entries; seq++) {
                    prev = append(log, author, seq, prev, contents.of(feed, seq)).messageId();
                }
            }
        } finally {
            store.close();
        }
    }

    /**
     * Writes {@code entries} entries of each of {@code feeds} authors ({@code author} makes the
     * {@code i}-th key) into the store folder {@code dir}, on {@code threads} threads.
     */
    public static void write(Path dir, int feeds, java.util.function.IntFunction<SigningKey> author, int entries,
            Contents contents, int threads) throws Exception {
        FileFeedStore store = new FileFeedStore(dir, SyncMode.NEVER, 1_000, Clock.systemUTC());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> parts = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int feed = first; feed < feeds; feed += threads) {
                        SigningKey key = author.apply(feed);
                        FeedLog log = store.createLog(key.feedId());
                        byte[] prev = EntryName.genesisPrev(key.feedId());
                        for (int seq = 1; seq <= entries; seq++) {
                            prev = append(log, key, seq, prev, contents.of(feed, seq)).messageId();
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : parts) {
                f.get();
            }
        } finally {
            pool.shutdown();
            store.close();
        }
    }

    /** Signs {@code content} as entry {@code seq} and appends it with its whole side chain. */
    static LogEntry append(FeedLog log, SigningKey key, long seq, byte[] prev, byte[] content) throws Exception {
        EntryContentCodec.Encoded enc = EntryContentCodec.encode(content);
        LogEntry e = Entries.sign(key, seq, prev, enc.type(), enc.payload());
        log.append(seq, e.packet(), e.messageId(), enc.chunks().size(), SideChain.firstPointer(enc.chunks()),
                enc.chunks());
        return e;
    }
}
