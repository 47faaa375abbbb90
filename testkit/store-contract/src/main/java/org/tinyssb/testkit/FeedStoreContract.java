package org.tinyssb.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.api.store.PendingChain;
import org.tinyssb.api.store.StoreException;
import org.tinyssb.codec.SideChain;

/**
 * What every store backend must do, as the node relies on it. A backend's test extends this and
 * says how to make a fresh store. The entries are real (signed, hash-linked), as the node only
 * ever hands verified ones to a store.
 */
public abstract class FeedStoreContract {
    /** Entry 1: 10 bytes; 2: 48 (plain48); 3: 326 (3 chunks); 4: 20; 5: 1000 (10 chunks). */
    protected static final SignedFeed FEED = SignedFeed.of("contract-a", 10, 48, 326, 20, 1000);
    protected static final SignedFeed OTHER = SignedFeed.of("contract-b", 5);

    /** A new, empty store. */
    protected abstract FeedStore newStore() throws Exception;

    /** Appends {@code e} as the node does when it replicates: the entry now, its chunks later. */
    protected static void appendEntryOnly(FeedLog log, SignedFeed.Entry e) throws StoreException {
        log.append(e.seq(), e.packet(), e.messageId(), e.chunks().size(), e.firstChunkHash(), List.of());
    }

    /** Appends {@code e} as the node does when it publishes: entry and side chain together. */
    protected static void appendWhole(FeedLog log, SignedFeed.Entry e) throws StoreException {
        log.append(e.seq(), e.packet(), e.messageId(), e.chunks().size(), e.firstChunkHash(), e.chunks());
    }

    protected static void putChunk(FeedLog log, SignedFeed.Entry e, int i) throws StoreException {
        byte[] c = e.chunks().get(i);
        log.putChunk(e.seq(), i, c, SideChain.nextPointer(c));
    }

    @Test
    public void feedsAreCreatedListedAndDeleted() throws Exception {
        FeedStore store = newStore();
        assertEquals(Set.of(), store.feeds());
        assertTrue(store.log(FEED.id()).isEmpty());
        FeedLog log = store.createLog(FEED.id());
        assertEquals(FEED.id(), log.feed());
        assertEquals(0, log.height());
        assertArrayEquals(Arrays.copyOf(FEED.id().toBytes(), 20), log.lastMessageId(), "genesis prev");
        assertEquals(log.height(), store.createLog(FEED.id()).height(), "createLog is idempotent");
        store.createLog(OTHER.id());
        assertEquals(Set.of(FEED.id(), OTHER.id()), store.feeds());
        assertTrue(store.delete(FEED.id()));
        assertFalse(store.delete(FEED.id()));
        assertEquals(Set.of(OTHER.id()), store.feeds());
    }

    @Test
    public void entriesAreAppendedInSequenceAndReadBack() throws Exception {
        FeedLog log = newStore().createLog(FEED.id());
        appendWhole(log, FEED.entry(1));
        appendWhole(log, FEED.entry(2));
        assertEquals(2, log.height());
        assertArrayEquals(FEED.entry(2).messageId(), log.lastMessageId());
        assertArrayEquals(FEED.entry(1).packet(), log.entry(1).orElseThrow());
        assertArrayEquals(FEED.entry(2).packet(), log.entry(2).orElseThrow());
        assertTrue(log.entry(0).isEmpty());
        assertTrue(log.entry(3).isEmpty());
        assertArrayEquals(FEED.entry(1).messageId(), log.messageId(1).orElseThrow(), "message id of entry 1");
        assertArrayEquals(FEED.entry(2).messageId(), log.messageId(2).orElseThrow());
        assertTrue(log.messageId(3).isEmpty());
        SignedFeed.Entry fourth = FEED.entry(4);
        assertThrows(StoreException.class, () -> appendWhole(log, fourth), "a gap is refused");
        SignedFeed.Entry second = FEED.entry(2);
        assertThrows(StoreException.class, () -> appendWhole(log, second), "a repeat is refused");
        assertEquals(2, log.height(), "refused appends change nothing");
    }

    @Test
    public void sideChainChunksArriveInChainOrderUntilComplete() throws Exception {
        FeedLog log = newStore().createLog(FEED.id());
        appendWhole(log, FEED.entry(1));
        appendWhole(log, FEED.entry(2));
        SignedFeed.Entry e = FEED.entry(3);
        appendEntryOnly(log, e);
        assertEquals(describe(List.of(new PendingChain(3, 0, 3, e.firstChunkHash()))), describe(log.pendingChains()));
        assertTrue(log.chunk(3, 0).isEmpty());

        byte[] second = e.chunks().get(1);
        assertThrows(StoreException.class, () -> log.putChunk(3, 1, second, SideChain.nextPointer(second)),
                "out of order");
        putChunk(log, e, 0);
        assertArrayEquals(e.chunks().get(0), log.chunk(3, 0).orElseThrow());
        assertEquals(describe(List.of(new PendingChain(3, 1, 2, SideChain.hash(second)))),
                describe(log.pendingChains()));
        putChunk(log, e, 1);
        putChunk(log, e, 2);
        assertTrue(log.pendingChains().isEmpty(), "complete");
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(e.chunks().get(i), log.chunk(3, i).orElseThrow());
        }
        assertTrue(log.chunk(3, 3).isEmpty());
        byte[] extra = e.chunks().get(2);
        assertThrows(StoreException.class, () -> log.putChunk(3, 3, extra, SideChain.nextPointer(extra)),
                "chain complete");
    }

    @Test
    public void anEntryAppendedWithItsChunksNeedsNoMore() throws Exception {
        FeedLog log = newStore().createLog(FEED.id());
        for (SignedFeed.Entry e : FEED.entries()) {
            appendWhole(log, e);
        }
        assertTrue(log.pendingChains().isEmpty());
        SignedFeed.Entry fifth = FEED.entry(5);
        for (int i = 0; i < fifth.chunks().size(); i++) {
            assertArrayEquals(fifth.chunks().get(i), log.chunk(5, i).orElseThrow());
        }
    }

    @Test
    public void anEntryAppendedWithSomeChunksExpectsTheOneTheLastPointsTo() throws Exception {
        FeedLog log = newStore().createLog(FEED.id());
        appendWhole(log, FEED.entry(1));
        appendWhole(log, FEED.entry(2));
        SignedFeed.Entry e = FEED.entry(3);
        log.append(3, e.packet(), e.messageId(), 3, e.firstChunkHash(), List.of(e.chunks().get(0)));
        assertEquals(describe(List.of(new PendingChain(3, 1, 2, SideChain.hash(e.chunks().get(1))))),
                describe(log.pendingChains()));
        assertArrayEquals(e.chunks().get(0), log.chunk(3, 0).orElseThrow());
    }

    @Test
    public void pendingChainsOfSeveralEntriesAreListedInSequenceOrder() throws Exception {
        FeedLog log = newStore().createLog(FEED.id());
        for (SignedFeed.Entry e : FEED.entries()) {
            appendEntryOnly(log, e);
        }
        List<Long> seqs = new ArrayList<>();
        log.pendingChains().forEach(p -> seqs.add(p.seq()));
        assertEquals(List.of(3L, 5L), seqs);
    }

    /** PendingChain holds an array; compare by content. */
    protected static String describe(List<PendingChain> chains) {
        StringBuilder s = new StringBuilder("[");
        for (PendingChain p : chains) {
            s.append(p.seq()).append('/').append(p.nextChunk()).append('/').append(p.missing()).append('/')
                    .append(Vectors.toHex(p.expectedHash())).append(' ');
        }
        return s.append(']').toString();
    }
}
