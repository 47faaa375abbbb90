package org.tinyssb.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.codec.SideChain;
import org.tinyssb.testkit.SignedFeed;

/**
 * Opening a feed folder after crashes and damage: what is valid is kept, what is not is cut or
 * set aside, the node is told in one line, and nothing invalid is ever served.
 */
class RecoveryTest {
    /** 8 entries; entries 3 and 6 have side chains of 3 and 10 chunks. */
    private static final SignedFeed FEED = SignedFeed.of("recovery", 10, 48, 326, 20, 30, 1000, 40, 50);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path folder() {
        return dir.resolve(FEED.id().toHex());
    }

    /** Writes entries 1..{@code n} (whole) with sync=always and closes the store. */
    private void writeEntries(int n) throws Exception {
        FileFeedStore store = new FileFeedStore(dir, SyncMode.ALWAYS, 200, CLOCK);
        FeedLog log = store.createLog(FEED.id());
        for (int seq = 1; seq <= n; seq++) {
            SignedFeed.Entry e = FEED.entry(seq);
            log.append(seq, e.packet(), e.messageId(), e.chunks().size(), e.firstChunkHash(), e.chunks());
        }
        store.close();
    }

    private FeedOpener.Opened open() throws IOException {
        return FeedOpener.open(folder(), FEED.id(), SyncMode.ALWAYS, CLOCK, feed -> { });
    }

    private static void assertServes(FeedLog log, long height) {
        assertEquals(height, log.height());
        for (long seq = 1; seq <= height; seq++) {
            SignedFeed.Entry e = FEED.entry(seq);
            assertArrayEquals(e.packet(), log.entry(seq).orElseThrow(), "entry " + seq);
            for (int i = 0; i < e.chunks().size(); i++) {
                assertArrayEquals(e.chunks().get(i), log.chunk(seq, i).orElseThrow(), "chunk " + i + " of " + seq);
            }
        }
        assertArrayEquals(FEED.entry(height).messageId(), log.lastMessageId());
    }

    @Test
    void entriesWrittenAfterTheLastFrontierAreAdopted() throws Exception {
        writeEntries(5);
        byte[] frontierOf5 = Files.readAllBytes(folder().resolve("frontier.bin"));
        writeEntries(0);
        FileFeedStore store = new FileFeedStore(dir, SyncMode.ALWAYS, 200, CLOCK);
        FeedLog log = store.log(FEED.id()).orElseThrow();
        for (int seq = 6; seq <= 8; seq++) {
            SignedFeed.Entry e = FEED.entry(seq);
            log.append(seq, e.packet(), e.messageId(), e.chunks().size(), e.firstChunkHash(), e.chunks());
        }
        store.close();
        Files.write(folder().resolve("frontier.bin"), frontierOf5); // as if the crash came before the frontier

        FeedOpener.Opened o = open();
        assertEquals(List.of("adopted entries 6..8 that were written after the last frontier update"), o.notes());
        assertServes(o.log(), 8);
        o.log().close();
        assertEquals(List.of(), open().notes(), "the frontier was rewritten: the next open is plain");
    }

    /**
     * The crash window between writing a record (and its index row) and writing the frontier:
     * the frontier names entry n-1, log and index hold entry n. The next start adopts n, and the
     * feed takes n+1, n+2 ... (it once dropped the index and refused every entry after that).
     */
    @Test
    void aFrontierOneEntryBehindLogAndIndexAdoptsTheEntryAndTakesTheNextOnes() throws Exception {
        writeEntries(6);
        Files.write(folder().resolve("frontier.bin"), frontierAfter(5));
        Files.delete(dir.resolve(StoreSummary.FILE)); // a crash leaves no summary of the clean close before it
        FileFeedStore store = new FileFeedStore(dir, SyncMode.ALWAYS, 200, CLOCK);
        FeedLog log = store.log(FEED.id()).orElseThrow();
        assertEquals(6, log.height());
        for (int seq = 7; seq <= 8; seq++) {
            SignedFeed.Entry e = FEED.entry(seq);
            log.append(seq, e.packet(), e.messageId(), e.chunks().size(), e.firstChunkHash(), e.chunks());
        }
        assertServes(log, 8);
        store.close();
        FeedOpener.Opened o = open();
        assertEquals(List.of(), o.notes(), "nothing left to recover");
        assertEquals(8, o.log().height());
        o.log().close();
    }

    @Test
    void theWritesOfAGroupAreOnDiskOnceTheGroupCloses() throws Exception {
        FileFeedStore store = new FileFeedStore(dir, SyncMode.ALWAYS, 200, CLOCK);
        FeedLog log = store.createLog(FEED.id());
        try (org.tinyssb.api.store.FeedStore.WriteGroup group = store.beginGroup()) {
            for (int seq = 1; seq <= 8; seq++) {
                SignedFeed.Entry e = FEED.entry(seq);
                log.append(seq, e.packet(), e.messageId(), e.chunks().size(), e.firstChunkHash(), e.chunks());
            }
        }
        assertServes(log, 8);
        store.close();
        assertServes(open().log(), 8);
    }

    @Test
    void aTornRecordAtTheEndIsCutAndEverythingBeforeItKept() throws Exception {
        writeEntries(6);
        long size = Files.size(folder().resolve("log.bin"));
        byte[] frontierOf5 = frontierAfter(5);
        Files.write(folder().resolve("frontier.bin"), frontierOf5);
        try (FileChannel ch = FileChannel.open(folder().resolve("log.bin"), StandardOpenOption.WRITE)) {
            ch.truncate(size - 500); // entry 6's record (10 chunks) cut in its middle
        }
        FeedOpener.Opened o = open();
        assertEquals(1, o.notes().size(), o.notes().toString());
        assertTrue(o.notes().get(0).startsWith("truncated log.bin after entry 5: "), o.notes().get(0));
        assertTrue(o.notes().get(0).contains("incomplete"), o.notes().get(0));
        assertServes(o.log(), 5);
        o.log().close();
    }

    @Test
    void garbageAfterTheLastRecordIsCut() throws Exception {
        writeEntries(4);
        byte[] garbage = new byte[300];
        new Random(1).nextBytes(garbage);
        Files.write(folder().resolve("log.bin"), garbage, StandardOpenOption.APPEND);
        FeedOpener.Opened o = open();
        assertTrue(o.notes().get(0).startsWith("truncated log.bin after entry 4: 300 bytes beyond it (entry 5 is invalid"),
                o.notes().get(0));
        assertServes(o.log(), 4);
        o.log().close();
    }

    @Test
    void chunksWrittenBeforeTheFrontierNamedThemAreAdopted() throws Exception {
        FileFeedStore store = new FileFeedStore(dir, SyncMode.ALWAYS, 200, CLOCK);
        FeedLog log = store.createLog(FEED.id());
        for (int seq = 1; seq <= 6; seq++) {
            SignedFeed.Entry e = FEED.entry(seq);
            log.append(seq, e.packet(), e.messageId(), e.chunks().size(), e.firstChunkHash(), List.of());
        }
        SignedFeed.Entry six = FEED.entry(6);
        for (int i = 0; i < 4; i++) {
            log.putChunk(6, i, six.chunks().get(i), SideChain.nextPointer(six.chunks().get(i)));
        }
        ((FileFeedLog) log).flush(); // as the store does at its sync interval
        byte[] frontier = Files.readAllBytes(folder().resolve("frontier.bin")); // chunks 0..3 of 6 known
        for (int i = 4; i < 7; i++) {
            log.putChunk(6, i, six.chunks().get(i), SideChain.nextPointer(six.chunks().get(i)));
        }
        store.close();
        Files.write(folder().resolve("frontier.bin"), frontier);

        FeedOpener.Opened o = open();
        assertEquals(List.of("adopted 3 side-chain chunks written after the last frontier update"), o.notes());
        FileFeedLog reopened = o.log();
        assertEquals(7, reopened.pendingChains().stream().filter(p -> p.seq() == 6).findFirst().orElseThrow().nextChunk());
        assertArrayEquals(six.chunks().get(6), reopened.chunk(6, 6).orElseThrow());
        reopened.close();
    }

    @Test
    void aFrontierThatIsNotBipfIsRebuiltFromAValidLog() throws Exception {
        writeEntries(8);
        Files.writeString(folder().resolve("frontier.bin"), "this is not BIPF");
        FeedOpener.Opened o = open();
        assertEquals(List.of("frontier.bin is not a valid frontier (" + notBipfReason() + "); rebuilt frontier.bin "
                + "from log.bin (8 entries, all valid)"), o.notes());
        assertServes(o.log(), 8);
        o.log().close();
    }

    private static String notBipfReason() {
        try {
            Frontier.decode("this is not BIPF".getBytes());
            throw new AssertionError("decoded");
        } catch (org.tinyssb.codec.CodecException e) {
            return e.getMessage();
        }
    }

    @Test
    void aCorruptEntryIsNeitherServedNorCutOffWithItsSuccessorsAndTakesAVerifiedCopyBack() throws Exception {
        writeEntries(8);
        Path log = folder().resolve("log.bin");
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            FileIo.write(ch, new byte[] {1, 2, 3, 4, 5}, recordStart(5) + 60); // inside entry 5's signature
        }
        List<org.tinyssb.api.FeedId> told = new java.util.ArrayList<>();
        FeedOpener.Opened first = FeedOpener.open(folder(), FEED.id(), SyncMode.ALWAYS, CLOCK, told::add);
        assertEquals(List.of(), first.notes(), "opening does not read every entry");
        FileFeedLog damaged = first.log();
        assertArrayEquals(FEED.entry(4).packet(), damaged.entry(4).orElseThrow());
        assertTrue(damaged.entry(5).isEmpty(), "the corrupt entry is not served");
        assertEquals(List.of(FEED.id()), told, "the node is told, once");
        assertTrue(damaged.entry(5).isEmpty());
        assertEquals(1, told.size());
        assertArrayEquals(FEED.entry(6).packet(), damaged.entry(6).orElseThrow(), "its successors are served");
        assertEquals(8, damaged.height());
        org.tinyssb.api.store.DamagedEntry d = damaged.damagedEntries().get(0);
        assertEquals(5, d.seq());
        assertArrayEquals(FEED.entry(4).messageId(), d.prev());
        assertArrayEquals(FEED.entry(5).messageId(), d.messageId());
        assertFalse(Files.exists(folder().resolve(FileFeedLog.REPAIR_MARKER)), "no repair that would cut entries 5..8");
        damaged.close();

        FeedOpener.Opened second = open();
        assertEquals(List.of(), second.notes());
        FileFeedLog reopened = second.log();
        assertEquals(1, reopened.damagedEntries().size(), "the damage outlives a restart");
        byte[] forged = FEED.entry(6).packet();
        assertThrows(org.tinyssb.api.store.StoreException.class, () -> reopened.repairEntry(5, forged));
        reopened.repairEntry(5, FEED.entry(5).packet());
        assertEquals(List.of(), reopened.damagedEntries());
        assertServes(reopened, 8);
        reopened.close();
        assertFalse(Files.exists(folder().resolve(DamagedEntries.FILE)));
        assertServes(open().log(), 8);
    }

    @Test
    void aCorruptChunkMakesItsChainPendingAgainFromThereAndTheNodeIsTold() throws Exception {
        writeEntries(8);
        try (FileChannel ch = FileChannel.open(folder().resolve("log.bin"), StandardOpenOption.WRITE)) {
            // chunk 2 of entry 6 (10 chunks), in its content
            FileIo.write(ch, new byte[] {9, 9, 9}, LogLayout.slotOffset(recordStart(6), 2) + 10);
        }
        List<org.tinyssb.api.FeedId> told = new java.util.ArrayList<>();
        FileFeedLog log = FeedOpener.open(folder(), FEED.id(), SyncMode.ALWAYS, CLOCK, told::add).log();
        assertTrue(log.pendingChains().isEmpty());
        assertArrayEquals(FEED.entry(6).chunks().get(7), log.chunk(6, 7).orElseThrow(), "it hashes to its pointer");
        assertTrue(log.chunk(6, 2).isEmpty(), "the corrupt chunk is not served");
        assertEquals(List.of(FEED.id()), told);
        assertTrue(log.chunk(6, 7).isEmpty(), "nor, now that the chain is pending from there, the chunks after it");
        org.tinyssb.api.store.PendingChain p = log.pendingChains().get(0);
        assertEquals(6, p.seq());
        assertEquals(2, p.nextChunk(), "pending from the first chunk that does not hash right");
        assertEquals(8, p.missing());
        assertArrayEquals(SideChain.hash(FEED.entry(6).chunks().get(2)), p.expectedHash());
        assertArrayEquals(FEED.entry(6).chunks().get(1), log.chunk(6, 1).orElseThrow(), "chunks before it stay");
        for (int i = 2; i < 10; i++) {
            byte[] c = FEED.entry(6).chunks().get(i);
            log.putChunk(6, i, c, SideChain.nextPointer(c));
        }
        assertServes(log, 8);
        log.close();
        assertServes(open().log(), 8);
    }

    @Test
    void aCorruptIndexRowIsRewrittenFromAnAuthenticEntry() throws Exception {
        writeEntries(8);
        try (FileChannel ch = FileChannel.open(folder().resolve(EntryIndex.FILE), StandardOpenOption.WRITE)) {
            FileIo.write(ch, new byte[] {7, 7}, 8 + 24 * 3 + 10); // inside entry 4's message id
        }
        FeedOpener.Opened o = open();
        assertServes(o.log(), 8);
        assertEquals(List.of(), o.log().damagedEntries());
        o.log().close();
        assertFalse(Files.exists(folder().resolve(FileFeedLog.REPAIR_MARKER)));
    }

    @Test
    void aDamagedIndexIsRepairedWithoutLosingEntries() throws Exception {
        writeEntries(8);
        Path index = folder().resolve(EntryIndex.FILE);
        try (FileChannel ch = FileChannel.open(index, StandardOpenOption.WRITE)) {
            FileIo.write(ch, new byte[24], 8 + 24 * 2); // entry 3's row
        }
        FeedOpener.Opened first = open();
        assertTrue(first.log().entry(3).isEmpty(), "a row that does not match the log serves nothing");
        first.log().close();
        FeedOpener.Opened second = open();
        assertTrue(second.notes().get(0).endsWith("rebuilt frontier.bin from log.bin (8 entries, all valid)"),
                second.notes().toString());
        assertServes(second.log(), 8);
        second.log().close();
    }

    @Test
    void aMissingIndexIsRebuiltOnFirstUse() throws Exception {
        writeEntries(8);
        Files.delete(folder().resolve(EntryIndex.FILE));
        FeedOpener.Opened o = open();
        assertEquals(List.of(), o.notes());
        assertServes(o.log(), 8);
        o.log().close();
    }

    @Test
    void aFolderThatCannotBeOpenedIsSetAsideAndTheFeedStartsEmpty() throws Exception {
        Files.createDirectories(folder().resolve("log.bin")); // a folder where the log should be
        FileFeedStore store = new FileFeedStore(dir, SyncMode.ALWAYS, 200, CLOCK);
        assertEquals(0, store.log(FEED.id()).orElseThrow().height());
        assertTrue(Files.isDirectory(dir.resolve(FEED.id().toHex() + ".quarantined-20261124-120000-000")));
        store.close();
    }

    /** Offset of entry {@code seq}'s record in log.bin. */
    private static long recordStart(int seq) throws Exception {
        long pos = 0;
        for (int s = 1; s < seq; s++) {
            pos += LogLayout.recordLength(FEED.entry(s).chunks().size());
        }
        return pos;
    }

    /** The frontier a store holding entries 1..n writes. */
    private byte[] frontierAfter(int n) throws Exception {
        Path other = Files.createTempDirectory(dir, "other");
        FileFeedStore store = new FileFeedStore(other, SyncMode.ALWAYS, 200, CLOCK);
        FeedLog log = store.createLog(FEED.id());
        for (int seq = 1; seq <= n; seq++) {
            SignedFeed.Entry e = FEED.entry(seq);
            log.append(seq, e.packet(), e.messageId(), e.chunks().size(), e.firstChunkHash(), e.chunks());
        }
        store.close();
        return Files.readAllBytes(other.resolve(FEED.id().toHex()).resolve("frontier.bin"));
    }
}
