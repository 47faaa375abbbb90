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
import org.tinyssb.api.FeedId;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.api.store.PendingChain;
import org.tinyssb.api.store.StoreException;

/**
 * What every store backend must do, as the node relies on it. A backend's test extends this and
 * says how to make a fresh store. The bytes stored are opaque here: the node verifies them.
 */
public abstract class FeedStoreContract {
    protected static final FeedId FEED = FeedId.of(filled(32, 7));
    protected static final FeedId OTHER = FeedId.of(filled(32, 9));

    /** A new, empty store. */
    protected abstract FeedStore newStore() throws Exception;

    protected static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    protected static byte[] packet(int seed) {
        return filled(120, seed);
    }

    /** A chunk whose last 20 bytes (its pointer to the next chunk) are {@code next}. */
    protected static byte[] chunk(int seed, byte[] next) {
        byte[] c = filled(120, seed);
        System.arraycopy(next, 0, c, 100, 20);
        return c;
    }

    @Test
    public void feedsAreCreatedListedAndDeleted() throws Exception {
        FeedStore store = newStore();
        assertEquals(Set.of(), store.feeds());
        assertTrue(store.log(FEED).isEmpty());
        FeedLog log = store.createLog(FEED);
        assertEquals(FEED, log.feed());
        assertEquals(0, log.height());
        assertArrayEquals(Arrays.copyOf(FEED.toBytes(), 20), log.lastMessageId(), "genesis prev");
        assertEquals(log.height(), store.createLog(FEED).height(), "createLog is idempotent");
        store.createLog(OTHER);
        assertEquals(Set.of(FEED, OTHER), store.feeds());
        assertTrue(store.delete(FEED));
        assertFalse(store.delete(FEED));
        assertEquals(Set.of(OTHER), store.feeds());
    }

    @Test
    public void entriesAreAppendedInSequenceAndReadBack() throws Exception {
        FeedLog log = newStore().createLog(FEED);
        log.append(1, packet(1), filled(20, 11), 0, null, List.of());
        log.append(2, packet(2), filled(20, 12), 0, null, List.of());
        assertEquals(2, log.height());
        assertArrayEquals(filled(20, 12), log.lastMessageId());
        assertArrayEquals(packet(1), log.entry(1).orElseThrow());
        assertArrayEquals(packet(2), log.entry(2).orElseThrow());
        assertTrue(log.entry(0).isEmpty());
        assertTrue(log.entry(3).isEmpty());
        assertThrows(StoreException.class, () -> log.append(4, packet(4), filled(20, 14), 0, null, List.of()),
                "a gap is refused");
        assertThrows(StoreException.class, () -> log.append(2, packet(2), filled(20, 12), 0, null, List.of()),
                "a repeat is refused");
        assertEquals(2, log.height(), "refused appends change nothing");
    }

    @Test
    public void sideChainChunksArriveInChainOrderUntilComplete() throws Exception {
        FeedLog log = newStore().createLog(FEED);
        byte[] h0 = filled(20, 0x30);
        byte[] h1 = filled(20, 0x31);
        byte[] h2 = filled(20, 0x32);
        log.append(1, packet(1), filled(20, 11), 3, h0, List.of());
        assertEquals(describe(List.of(new PendingChain(1, 0, 3, h0))), describe(log.pendingChains()));
        assertTrue(log.chunk(1, 0).isEmpty());

        assertThrows(StoreException.class, () -> log.putChunk(1, 1, chunk(0x41, h2), h2), "out of order");
        log.putChunk(1, 0, chunk(0x40, h1), h1);
        assertArrayEquals(chunk(0x40, h1), log.chunk(1, 0).orElseThrow());
        assertEquals(describe(List.of(new PendingChain(1, 1, 2, h1))), describe(log.pendingChains()));
        log.putChunk(1, 1, chunk(0x41, h2), h2);
        log.putChunk(1, 2, chunk(0x42, filled(20, 0)), filled(20, 0));
        assertTrue(log.pendingChains().isEmpty(), "complete");
        assertArrayEquals(chunk(0x42, filled(20, 0)), log.chunk(1, 2).orElseThrow());
        assertTrue(log.chunk(1, 3).isEmpty());
        assertThrows(StoreException.class, () -> log.putChunk(1, 3, chunk(0x43, h0), h0), "chain complete");
    }

    @Test
    public void anEntryAppendedWithItsChunksNeedsNoMore() throws Exception {
        FeedLog log = newStore().createLog(FEED);
        byte[] last = chunk(0x51, filled(20, 0));
        byte[] first = chunk(0x50, filled(20, 0x61));
        log.append(1, packet(1), filled(20, 11), 2, filled(20, 0x60), List.of(first, last));
        assertTrue(log.pendingChains().isEmpty());
        assertArrayEquals(first, log.chunk(1, 0).orElseThrow());
        assertArrayEquals(last, log.chunk(1, 1).orElseThrow());
    }

    @Test
    public void anEntryAppendedWithSomeChunksExpectsTheOneTheLastPointsTo() throws Exception {
        FeedLog log = newStore().createLog(FEED);
        byte[] next = filled(20, 0x62);
        log.append(1, packet(1), filled(20, 11), 3, filled(20, 0x60), List.of(chunk(0x50, next)));
        assertEquals(describe(List.of(new PendingChain(1, 1, 2, next))), describe(log.pendingChains()));
    }

    @Test
    public void pendingChainsOfSeveralEntriesAreListedInSequenceOrder() throws Exception {
        FeedLog log = newStore().createLog(FEED);
        log.append(1, packet(1), filled(20, 11), 1, filled(20, 0x71), List.of());
        log.append(2, packet(2), filled(20, 12), 0, null, List.of());
        log.append(3, packet(3), filled(20, 13), 2, filled(20, 0x73), List.of());
        List<Long> seqs = new ArrayList<>();
        log.pendingChains().forEach(p -> seqs.add(p.seq()));
        assertEquals(List.of(1L, 3L), seqs);
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
