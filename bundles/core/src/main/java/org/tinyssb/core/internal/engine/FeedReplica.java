package org.tinyssb.core.internal.engine;

import java.util.Map;
import java.util.TreeMap;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.store.DamagedEntry;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.PendingChain;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.SideChain;
import org.tinyssb.codec.VerifyingKey;

/**
 * What the engine keeps in memory of one feed: its frontier (height, last message id, the DMX of
 * the next entry), its incomplete side chains, the entries its store found damaged, and the store
 * log behind it.
 */
final class FeedReplica {
    /**
     * An incomplete side chain: the next chunk index, how many are missing, the hash expected next
     * (20 zero bytes: the chain cannot go on, its content is unavailable for good).
     */
    record Cursor(int next, int missing, byte[] expectedHash) {
        boolean unavailable() {
            return SideChain.isNullPointer(expectedHash);
        }
    }

    final FeedId id;
    final FeedLog log;
    /** Null when the feed id is not a valid Ed25519 key: nothing of it can ever verify. */
    final VerifyingKey key;
    private long height;
    private byte[] lastMessageId;
    private byte[] nextDmx;
    private final TreeMap<Long, Cursor> pending = new TreeMap<>();
    private final TreeMap<Long, DamagedEntry> damaged = new TreeMap<>();
    private boolean muted;
    /** Its change tick in the {@link FeedDirectory} (0: not listed). */
    long tick;

    FeedReplica(FeedLog log, VerifyingKey key) {
        this.id = log.feed();
        this.log = log;
        this.key = key;
        this.height = log.height();
        this.lastMessageId = log.lastMessageId();
        this.nextDmx = Entries.dmx(id, height + 1, lastMessageId);
        for (PendingChain p : log.pendingChains()) {
            pending.put(p.seq(), new Cursor(p.nextChunk(), p.missing(), p.expectedHash()));
        }
        for (DamagedEntry d : log.damagedEntries()) {
            damaged.put(d.seq(), d);
        }
    }

    long height() {
        return height;
    }

    byte[] lastMessageId() {
        return lastMessageId;
    }

    byte[] nextDmx() {
        return nextDmx;
    }

    /** Records entry {@code height + 1} with message id {@code messageId}. */
    void advance(byte[] messageId) {
        height++;
        lastMessageId = messageId;
        nextDmx = Entries.dmx(id, height + 1, messageId);
    }

    Map<Long, Cursor> pending() {
        return pending;
    }

    /** Side chains that can still complete. */
    int incompleteChains() {
        return (int) pending.values().stream().filter(c -> !c.unavailable()).count();
    }

    /** Entries the store found corrupt, waiting for a peer's copy. */
    TreeMap<Long, DamagedEntry> damaged() {
        return damaged;
    }

    boolean muted() {
        return muted;
    }

    void mute(boolean muted) {
        this.muted = muted;
    }

    /** Whether entries of this feed can be accepted at all. */
    boolean replicable() {
        return key != null && !muted;
    }
}
