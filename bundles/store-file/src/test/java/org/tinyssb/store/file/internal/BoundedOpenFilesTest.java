package org.tinyssb.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.codec.Bipf;
import org.tinyssb.codec.SideChain;
import org.tinyssb.testkit.SignedFeed;

/**
 * Many more feeds than open files: every feed is written and read while at most
 * {@code max.open.feeds} of them have files open, also with readers on other threads, and the
 * flusher touches only what was written.
 */
class BoundedOpenFilesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T12:00:00Z"), ZoneOffset.UTC);
    /** Long enough that the scheduled flusher never runs during a test: the tests run it themselves. */
    private static final long NO_SCHEDULED_FLUSH = 3_600_000;

    @TempDir
    Path dir;

    /** Entry 1 plain; entry 2 with a 3-chunk side chain. */
    private static List<SignedFeed> feeds(String name, int n) {
        List<SignedFeed> feeds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            feeds.add(SignedFeed.of(name + "-" + i, 20, 300));
        }
        return feeds;
    }

    private static void append(FeedLog log, SignedFeed.Entry e, int chunks) throws Exception {
        log.append(e.seq(), e.packet(), e.messageId(), e.chunks().size(), e.firstChunkHash(),
                e.chunks().subList(0, chunks));
    }

    private static void assertServes(FeedLog log, SignedFeed feed) {
        assertEquals(2, log.height(), feed.id().toHex());
        for (SignedFeed.Entry e : feed.entries()) {
            assertArrayEquals(e.packet(), log.entry(e.seq()).orElseThrow(), "entry " + e.seq());
            for (int i = 0; i < e.chunks().size(); i++) {
                assertArrayEquals(e.chunks().get(i), log.chunk(e.seq(), i).orElseThrow(), "chunk " + i);
            }
        }
        assertTrue(log.pendingChains().isEmpty());
    }

    @Test
    void twoThousandFeedsAreWrittenAndReadInterleavedWithAtMostSixteenOpen() throws Exception {
        int bound = 16;
        List<SignedFeed> feeds = feeds("bound", 2_000);
        FileFeedStore store = new FileFeedStore(dir, SyncMode.NEVER, NO_SCHEDULED_FLUSH, bound, CLOCK);
        for (int i = 0; i < feeds.size(); i++) {
            append(store.createLog(feeds.get(i).id()), feeds.get(i).entry(1), 0);
            FeedLog earlier = store.log(feeds.get(i / 2).id()).orElseThrow();
            assertArrayEquals(feeds.get(i / 2).entry(1).packet(), earlier.entry(1).orElseThrow());
        }
        for (int i = 0; i < feeds.size(); i++) { // entry 2 without its chain, then the chunks, feeds far apart
            SignedFeed f = feeds.get((i * 7) % feeds.size());
            append(store.log(f.id()).orElseThrow(), f.entry(2), 1);
            SignedFeed g = feeds.get((i * 13 + 5) % feeds.size());
            FeedLog other = store.log(g.id()).orElseThrow();
            assertArrayEquals(g.entry(1).packet(), other.entry(1).orElseThrow());
        }
        for (SignedFeed f : feeds) {
            FeedLog log = store.log(f.id()).orElseThrow();
            for (int c = 1; c < 3; c++) {
                byte[] chunk = f.entry(2).chunks().get(c);
                log.putChunk(2, c, chunk, SideChain.nextPointer(chunk));
            }
        }
        for (SignedFeed f : feeds) {
            assertServes(store.log(f.id()).orElseThrow(), f);
        }
        FeedHandles handles = store.handles();
        assertTrue(handles.peakChannels() <= 2 * bound, "at most " + handles.peakChannels() + " channels open");
        assertTrue(handles.opens() > feeds.size(), "files were closed and opened again: " + handles.opens());
        store.close();

        FileFeedStore reopened = new FileFeedStore(dir, SyncMode.NEVER, NO_SCHEDULED_FLUSH, bound, CLOCK);
        assertEquals(feeds.size(), reopened.feeds().size());
        for (SignedFeed f : feeds) {
            assertServes(reopened.log(f.id()).orElseThrow(), f);
        }
        assertTrue(reopened.handles().peakChannels() <= 2 * bound);
        reopened.close();
    }

    /**
     * Readers on two threads while the writer's thread appends: files are closed under them all
     * the time (8 feeds' files for 40 feeds), and no read fails, none finds damage, no feed is
     * marked for repair.
     */
    @Test
    void evictionUnderConcurrentReadsNeitherFailsAReadNorMarksAHealthyFeed() throws Exception {
        int count = 40;
        List<SignedFeed> feeds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            feeds.add(SignedFeed.of("concurrent-" + i, 20, 300, 30, 40, 50, 60, 1000, 70));
        }
        Queue<FeedId> damage = new ConcurrentLinkedQueue<>();
        FileFeedStore store = new FileFeedStore(dir, SyncMode.NEVER, NO_SCHEDULED_FLUSH, 8, CLOCK);
        store.addDamageListener(damage::add);
        for (SignedFeed f : feeds) {
            FeedLog log = store.createLog(f.id());
            for (int seq = 1; seq <= 4; seq++) {
                append(log, f.entry(seq), f.entry(seq).chunks().size());
            }
        }
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Random random = new Random(r);
            Thread t = new Thread(() -> {
                for (int i = 0; i < 4_000; i++) {
                    SignedFeed f = feeds.get(random.nextInt(count));
                    FeedLog log = store.log(f.id()).orElseThrow();
                    long seq = 1 + random.nextInt((int) log.height());
                    SignedFeed.Entry e = f.entry(seq);
                    if (!java.util.Arrays.equals(e.packet(), log.entry(seq).orElse(null))) {
                        failures.add("entry " + seq + " of " + f.id().shortId());
                    }
                    if (!e.chunks().isEmpty() && !java.util.Arrays.equals(e.chunks().get(0),
                            log.chunk(seq, 0).orElse(null))) {
                        failures.add("chunk 0 of entry " + seq + " of " + f.id().shortId());
                    }
                }
            }, "reader-" + r);
            readers.add(t);
            t.start();
        }
        for (int seq = 5; seq <= 8; seq++) {
            for (SignedFeed f : feeds) {
                SignedFeed.Entry e = f.entry(seq);
                append(store.log(f.id()).orElseThrow(), e, e.chunks().size());
            }
        }
        for (Thread t : readers) {
            t.join(120_000);
            assertFalse(t.isAlive(), t.getName() + " did not finish within two minutes");
        }
        assertEquals(List.of(), List.copyOf(failures));
        assertEquals(List.of(), List.copyOf(damage), "no damage reported");
        for (SignedFeed f : feeds) {
            FeedLog log = store.log(f.id()).orElseThrow();
            assertEquals(List.of(), log.damagedEntries());
            assertFalse(Files.exists(dir.resolve(f.id().toHex()).resolve(FileFeedLog.REPAIR_MARKER)),
                    "not marked for repair");
            assertEquals(8, log.height());
        }
        assertTrue(store.handles().opens() > 2 * count, "files were closed under the readers: "
                + store.handles().opens() + " opens");
        store.close();
    }

    /** A write group over more feeds than may stay open: those closed before the group ends were forced first. */
    @Test
    void aWriteGroupOverMoreFeedsThanTheBoundForcesWhatItClosesAndEndsDurable() throws Exception {
        List<SignedFeed> feeds = feeds("group", 30);
        FileFeedStore store = new FileFeedStore(dir, SyncMode.ALWAYS, NO_SCHEDULED_FLUSH, 8, CLOCK);
        for (SignedFeed f : feeds) {
            store.createLog(f.id());
        }
        try (FeedStore.WriteGroup group = store.beginGroup()) {
            for (SignedFeed f : feeds) {
                FeedLog log = store.log(f.id()).orElseThrow();
                append(log, f.entry(1), 0);
                append(log, f.entry(2), 3);
            }
        }
        assertTrue(store.handles().forcedOnEviction() >= feeds.size() - 8,
                store.handles().forcedOnEviction() + " forced as they closed");
        store.haltAsIfKilled();
        FileFeedStore reopened = new FileFeedStore(dir, SyncMode.ALWAYS, NO_SCHEDULED_FLUSH, 8, CLOCK);
        assertEquals(feeds.size(), reopened.feedsFromFolders());
        for (SignedFeed f : feeds) {
            assertServes(reopened.log(f.id()).orElseThrow(), f);
        }
        reopened.close();
    }

    @Test
    void theFlusherWritesOnlyTheFrontiersOfLogsWrittenSinceItLastRan() throws Exception {
        List<SignedFeed> feeds = feeds("flush", 300);
        FileFeedStore store = new FileFeedStore(dir, SyncMode.BATCH, NO_SCHEDULED_FLUSH, 16, CLOCK);
        for (SignedFeed f : feeds) {
            store.createLog(f.id());
        }
        assertEquals(0, store.flushWritten(), "created, not written");
        for (int i : new int[] {3, 150, 299}) {
            append(store.log(feeds.get(i).id()).orElseThrow(), feeds.get(i).entry(1), 0);
        }
        append(store.log(feeds.get(3).id()).orElseThrow(), feeds.get(3).entry(2), 0);
        assertEquals(3, store.flushWritten());
        assertEquals(2L, maxSeqOnDisk(feeds.get(3)));
        assertEquals(1L, maxSeqOnDisk(feeds.get(150)));
        assertEquals(0L, maxSeqOnDisk(feeds.get(4)));
        assertEquals(0, store.flushWritten(), "nothing written since");
        store.close();
    }

    @Test
    void aFrontierThatCannotBeWrittenIsTriedAgainAtTheNextRun() throws Exception {
        SignedFeed feed = SignedFeed.of("retry", 20);
        FileFeedStore store = new FileFeedStore(dir, SyncMode.NEVER, NO_SCHEDULED_FLUSH, 8, CLOCK);
        FeedLog log = store.createLog(feed.id());
        append(log, feed.entry(1), 0);
        Path tmp = dir.resolve(feed.id().toHex()).resolve(FileFeedLog.FRONTIER_TMP);
        Files.createDirectory(tmp); // the temporary file cannot be written
        assertEquals(0, store.flushWritten());
        assertEquals(0L, maxSeqOnDisk(feed));
        Files.delete(tmp);
        assertEquals(1, store.flushWritten());
        assertEquals(1L, maxSeqOnDisk(feed));
        store.close();
    }

    private long maxSeqOnDisk(SignedFeed feed) throws Exception {
        java.util.Map<?, ?> frontier = (java.util.Map<?, ?>) Bipf.decode(
                Files.readAllBytes(dir.resolve(feed.id().toHex()).resolve(FileFeedLog.FRONTIER)));
        return (Long) frontier.get(Frontier.MAX_SEQ_KEY);
    }
}
