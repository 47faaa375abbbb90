package org.tinyssb.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.store.DamagedEntry;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.PendingChain;
import org.tinyssb.codec.ChainHeader;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.SideChain;
import org.tinyssb.testkit.SignedFeed;
import org.tinyssb.testkit.Vectors;

/**
 * The summary a clean close leaves: the next start takes the feeds from it instead of their
 * folders, in the same state a full open gives; a crash, a damaged summary or folders changed
 * while the store was stopped send the start (or that feed) the slow way, losing nothing.
 */
class StoreSummaryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T12:00:00Z"), ZoneOffset.UTC);
    /** Entries 3 and 6 have side chains (3 and 10 chunks). */
    private static final SignedFeed CHAINS = SignedFeed.of("summary-chains", 10, 48, 326, 20, 30, 1000, 40, 50);
    private static final SignedFeed DAMAGED = SignedFeed.of("summary-damaged", 10, 20, 30, 40, 50);
    private static final SignedFeed EMPTY = SignedFeed.of("summary-empty");
    private static final SignedFeed ZERO_POINTER = SignedFeed.of("summary-zero-pointer");
    private static final List<SignedFeed> ALL = List.of(CHAINS, DAMAGED, EMPTY, ZERO_POINTER);

    @TempDir
    Path dir;

    private FileFeedStore open() throws Exception {
        return new FileFeedStore(dir, SyncMode.ALWAYS, 200, 8, CLOCK);
    }

    private Path summary() {
        return dir.resolve(StoreSummary.FILE);
    }

    private Path folder(SignedFeed feed) {
        return dir.resolve(feed.id().toHex());
    }

    private static void appendWhole(FeedLog log, SignedFeed.Entry e) throws Exception {
        log.append(e.seq(), e.packet(), e.messageId(), e.chunks().size(), e.firstChunkHash(), e.chunks());
    }

    /**
     * Four feeds: pending chains (one entry waiting for its whole chain, one half there), a
     * damaged entry found by a read, an empty feed, a chain that can never complete; closed clean.
     */
    private void writeFeeds() throws Exception {
        FileFeedStore store = open();
        FeedLog chains = store.createLog(CHAINS.id());
        for (SignedFeed.Entry e : CHAINS.entries()) {
            chains.append(e.seq(), e.packet(), e.messageId(), e.chunks().size(), e.firstChunkHash(), List.of());
        }
        SignedFeed.Entry six = CHAINS.entry(6);
        for (int i = 0; i < 4; i++) {
            chains.putChunk(6, i, six.chunks().get(i), SideChain.nextPointer(six.chunks().get(i)));
        }
        FeedLog damaged = store.createLog(DAMAGED.id());
        for (SignedFeed.Entry e : DAMAGED.entries()) {
            appendWhole(damaged, e);
        }
        store.createLog(EMPTY.id());
        SignedFeed zero = SignedFeed.of("summary-zero-pointer");
        SignedFeed.Entry broken = zero.addAnnouncing(5_000, new byte[20]);
        store.createLog(zero.id()).append(1, broken.packet(), broken.messageId(),
                ChainHeader.of(broken.packet()).chunkCount(), new byte[20], List.of());
        store.close();
        try (FileChannel ch = FileChannel.open(folder(DAMAGED).resolve(FileFeedLog.LOG), StandardOpenOption.WRITE)) {
            FileIo.write(ch, new byte[] {1, 2, 3}, 2 * LogLayout.recordLength(0) + 60); // entry 3's signature
        }
        FileFeedStore reading = open();
        assertTrue(reading.log(DAMAGED.id()).orElseThrow().entry(3).isEmpty(), "found corrupt");
        reading.close();
    }

    /** What a log tells the node, entries and chunks included. */
    private static String state(FileFeedStore store) {
        StringBuilder s = new StringBuilder();
        for (FeedId id : new java.util.TreeSet<>(store.feeds())) {
            FeedLog log = store.log(id).orElseThrow();
            s.append(id.toHex()).append(" height ").append(log.height()).append(" prev ")
                    .append(Vectors.toHex(log.lastMessageId())).append(" held ").append(log.chunkBytesHeld());
            for (PendingChain p : log.pendingChains()) {
                s.append(" pending ").append(p.seq()).append('/').append(p.nextChunk()).append('/')
                        .append(p.missing()).append('/').append(Vectors.toHex(p.expectedHash()));
            }
            for (DamagedEntry d : log.damagedEntries()) {
                s.append(" damaged ").append(d.seq()).append('/').append(Vectors.toHex(d.prev())).append('/')
                        .append(Vectors.toHex(d.messageId()));
            }
            for (long seq = 1; seq <= log.height(); seq++) {
                s.append(" e").append(seq).append('=').append(log.entry(seq).map(Vectors::toHex).orElse("-"));
                for (int c = 0; c < 10; c++) {
                    log.chunk(seq, c).ifPresent(chunk -> s.append(" c=").append(Vectors.toHex(chunk)));
                }
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static String stateAndClose(FileFeedStore store) {
        try {
            return state(store);
        } finally {
            store.close();
        }
    }

    @Test
    void aCleanCloseLeavesASummaryTheNextStartTrustsInTheStateAFullOpenGives() throws Exception {
        writeFeeds();
        assertTrue(Files.exists(summary()), "a clean close writes it");
        FileFeedStore fromSummary = open();
        assertEquals(ALL.size(), fromSummary.feedsFromSummary());
        assertEquals(0, fromSummary.feedsFromFolders(), "no folder opened the slow way");
        assertEquals(0, fromSummary.handles().opens(), "not one feed's files opened");
        assertFalse(Files.exists(summary()), "deleted before the store takes a write");
        FeedLog damaged = fromSummary.log(DAMAGED.id()).orElseThrow();
        assertEquals(List.of(3L), damaged.damagedEntries().stream().map(DamagedEntry::seq).toList());
        assertTrue(fromSummary.log(ZERO_POINTER.id()).orElseThrow().pendingChains().get(0).unavailable());
        String summarised = stateAndClose(fromSummary);

        Files.delete(summary());
        FileFeedStore full = open();
        assertEquals(0, full.feedsFromSummary());
        assertEquals(ALL.size(), full.feedsFromFolders());
        assertNull(full.summaryProblem(), "no summary is not a problem");
        assertEquals(summarised, stateAndClose(full));
        assertTrue(summarised.contains(" pending 6/4/6/"), summarised);
        assertTrue(summarised.contains(" damaged 3/"), summarised);
    }

    @Test
    void aCrashAfterAStartFromTheSummaryIsFollowedByAFullOpenThatLosesNothing() throws Exception {
        writeFeeds();
        FileFeedStore first = open();
        assertEquals(ALL.size(), first.feedsFromSummary());
        FeedLog log = first.log(CHAINS.id()).orElseThrow();
        SignedFeed.Entry six = CHAINS.entry(6);
        for (int i = 4; i < 10; i++) {
            log.putChunk(6, i, six.chunks().get(i), SideChain.nextPointer(six.chunks().get(i)));
        }
        SignedFeed more = SignedFeed.of("summary-after-crash", 10, 400, 30);
        FeedLog added = first.createLog(more.id());
        for (SignedFeed.Entry e : more.entries()) {
            appendWhole(added, e);
        }
        String before = state(first);
        first.haltAsIfKilled(); // sync=always: all of it was acknowledged as stored

        FileFeedStore after = open();
        assertEquals(0, after.feedsFromSummary(), "the summary was deleted at the start before");
        assertEquals(ALL.size() + 1, after.feedsFromFolders());
        assertNull(after.summaryProblem());
        assertEquals(before, stateAndClose(after));
    }

    @ParameterizedTest
    @ValueSource(strings = {"flip", "truncate", "empty", "magic", "version"})
    void aDamagedSummaryIsSaidInOneLineAndEveryFolderIsOpened(String damage) throws Exception {
        writeFeeds();
        byte[] file = Files.readAllBytes(summary());
        Files.delete(summary());
        String expected = stateAndClose(open()); // the reference's full checks
        switch (damage) {
            case "flip" -> file[file.length / 2] ^= 0x10;
            case "truncate" -> file = Arrays.copyOf(file, file.length - 7);
            case "empty" -> file = new byte[0];
            case "magic" -> file[0] = 'X';
            case "version" -> file[11] = 2;
            default -> throw new IllegalArgumentException(damage);
        }
        Files.write(summary(), file);
        FileFeedStore store;
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            store = open(); // slf4j-simple writes to System.err as it is at each line
        } finally {
            System.setErr(err);
        }
        List<String> lines = logged.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList();
        assertEquals(1, lines.size(), "one line: " + lines);
        assertTrue(lines.get(0).contains(store.summaryProblem()), lines.get(0));
        assertEquals(0, store.feedsFromSummary());
        assertEquals(ALL.size(), store.feedsFromFolders());
        assertTrue(store.summaryProblem() != null, "said why");
        assertFalse(Files.exists(summary()), "not read again");
        assertEquals(expected, stateAndClose(store));
    }

    @Test
    void aFeedFolderCopiedInWhileTheStoreWasStoppedIsOpenedAndOneDeletedIsDropped() throws Exception {
        writeFeeds();
        SignedFeed copied = SignedFeed.of("summary-copied-in", 10, 400, 30);
        Path elsewhere = dir.resolve("elsewhere");
        FileFeedStore other = new FileFeedStore(elsewhere, SyncMode.ALWAYS, 200, CLOCK);
        FeedLog log = other.createLog(copied.id());
        for (SignedFeed.Entry e : copied.entries()) {
            appendWhole(log, e);
        }
        other.close();
        Files.move(elsewhere.resolve(copied.id().toHex()), dir.resolve(copied.id().toHex()));
        deleteTree(folder(EMPTY));

        FileFeedStore store = open();
        assertEquals(Set.of(CHAINS.id(), DAMAGED.id(), ZERO_POINTER.id(), copied.id()), store.feeds());
        assertEquals(3, store.feedsFromSummary());
        assertEquals(1, store.feedsFromFolders(), "only the folder the summary does not name");
        FeedLog added = store.log(copied.id()).orElseThrow();
        for (SignedFeed.Entry e : copied.entries()) {
            assertArrayEquals(e.packet(), added.entry(e.seq()).orElseThrow());
        }
        store.close();
    }

    /**
     * The reference pub ran on the folder while the node was stopped and appended to a feed: its
     * log.bin is longer than the summary says. The feed's first use finds that and opens it from
     * its folder; nothing the pub wrote is overwritten.
     */
    @Test
    void aFeedExtendedWhileTheStoreWasStoppedIsOpenedFromItsFolderAtItsFirstUse() throws Exception {
        SignedFeed feed = SignedFeed.of("summary-extended", 10, 20, 300, 40, 50, 60);
        FileFeedStore first = open();
        FeedLog log = first.createLog(feed.id());
        for (int seq = 1; seq <= 3; seq++) {
            appendWhole(log, feed.entry(seq));
        }
        first.close();
        FeedOpener.Opened pub = FeedOpener.open(folder(feed), feed.id(), SyncMode.ALWAYS, CLOCK, f -> { });
        appendWhole(pub.log(), feed.entry(4));
        appendWhole(pub.log(), feed.entry(5));
        pub.log().close();

        FileFeedStore store = open();
        assertEquals(1, store.feedsFromSummary());
        FeedLog extended = store.log(feed.id()).orElseThrow();
        assertArrayEquals(feed.entry(1).packet(), extended.entry(1).orElseThrow());
        assertEquals(5, extended.height(), "opened from its folder at its first use");
        appendWhole(extended, feed.entry(6));
        store.close();
        Files.delete(summary());
        FileFeedStore full = open();
        FeedLog all = full.log(feed.id()).orElseThrow();
        for (SignedFeed.Entry e : feed.entries()) {
            assertArrayEquals(e.packet(), all.entry(e.seq()).orElseThrow(), "entry " + e.seq());
        }
        full.close();
    }

    @Test
    void aFeedAwaitingRepairIsLeftOutOfTheSummaryAndRepairedAtTheNextStart() throws Exception {
        SignedFeed feed = SignedFeed.of("summary-repair", 10, 20, 30, 40, 50, 60, 70, 80);
        FileFeedStore first = open();
        FeedLog log = first.createLog(feed.id());
        for (SignedFeed.Entry e : feed.entries()) {
            appendWhole(log, e);
        }
        first.createLog(CHAINS.id());
        first.close();
        try (FileChannel ch = FileChannel.open(folder(feed).resolve(EntryIndex.FILE), StandardOpenOption.WRITE)) {
            FileIo.write(ch, new byte[24], 8 + 24 * 2); // entry 3's index row: damage a read cannot locate
        }
        FileFeedStore second = open();
        assertTrue(second.log(feed.id()).orElseThrow().entry(3).isEmpty());
        assertTrue(Files.exists(folder(feed).resolve(FileFeedLog.REPAIR_MARKER)));
        second.close();

        FileFeedStore third = open();
        assertEquals(1, third.feedsFromSummary(), "the healthy feed");
        assertEquals(1, third.feedsFromFolders(), "the one marked for repair");
        FeedLog repaired = third.log(feed.id()).orElseThrow();
        for (SignedFeed.Entry e : feed.entries()) {
            assertArrayEquals(e.packet(), repaired.entry(e.seq()).orElseThrow());
        }
        third.close();
    }

    @Test
    void everySingleByteChangeAndEveryTruncationOfASummaryIsRefused() throws Exception {
        TreeMap<Long, Frontier.Pending> pending = new TreeMap<>(Map.of(2L,
                new Frontier.Pending(1, 3, new byte[20], 500)));
        TreeMap<Long, DamagedEntry> damaged = new TreeMap<>(Map.of(1L, new DamagedEntry(1, new byte[20], new byte[20])));
        List<StoreSummary.Feed> feeds = List.of(
                new StoreSummary.Feed(CHAINS.id(), 2, 1_000, new byte[20], pending, damaged),
                new StoreSummary.Feed(EMPTY.id(), 0, 0, Arrays.copyOf(EMPTY.id().toBytes(), 20), null, null));
        byte[] file = StoreSummary.encode(feeds);
        Map<FeedId, StoreSummary.Feed> back = StoreSummary.decode(file);
        assertEquals(2, back.size());
        assertEquals(500, back.get(CHAINS.id()).pending().get(2L).slotPos());
        assertArrayEquals(file, StoreSummary.encode(List.of(back.get(CHAINS.id()), back.get(EMPTY.id()))),
                "decoded as encoded");
        for (int i = 0; i < file.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] changed = file.clone();
                changed[i] ^= (byte) (1 << bit);
                assertThrows(CodecException.class, () -> StoreSummary.decode(changed), "byte " + i + " bit " + bit);
            }
        }
        for (int length = 0; length < file.length; length++) {
            byte[] cut = Arrays.copyOf(file, length);
            assertThrows(CodecException.class, () -> StoreSummary.decode(cut), "cut to " + length);
        }
    }

    private static void deleteTree(Path p) throws Exception {
        try (var files = Files.walk(p)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
