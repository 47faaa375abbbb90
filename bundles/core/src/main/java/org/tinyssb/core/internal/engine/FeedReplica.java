package org.tinyssb.core.internal.engine;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.store.DamagedEntry;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.PendingChain;
import org.tinyssb.codec.Dmx;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.SideChain;

/**
 * What the engine keeps in memory of one feed: its frontier (height, last message id, the DMX of
 * the next entry), its incomplete side chains, the entries its store found damaged, and the store
 * log behind it. Small for an idle feed (a pub holds tens of thousands): the maps exist only while
 * they hold something, and the decoded verifying key is kept apart, for the feeds in use
 * ({@link FeedTable#key}).
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
    /** The feed id is not a valid Ed25519 key: nothing of it can ever verify (known once it was decoded). */
    private boolean invalidKey;
    private long height;
    private byte[] lastMessageId;
    /** The DMX of the next entry, as {@link org.tinyssb.codec.Dmx#key} gives it. */
    private long nextDmx;
    private TreeMap<Long, Cursor> pending;
    private TreeMap<Long, DamagedEntry> damaged;
    private boolean muted;
    /** Its change tick in the {@link FeedDirectory} (0: not listed). */
    long tick;

    /** A replica of {@code log}'s feed; {@code invalidKey} if its id is known not to be a valid key. */
    FeedReplica(FeedLog log, boolean invalidKey) {
        this.id = log.feed();
        this.log = log;
        this.invalidKey = invalidKey;
        this.height = log.height();
        this.lastMessageId = log.lastMessageId();
        this.nextDmx = Dmx.key(Entries.dmx(id, height + 1, lastMessageId));
        for (PendingChain p : log.pendingChains()) {
            putPending(p.seq(), new Cursor(p.nextChunk(), p.missing(), p.expectedHash()));
        }
        for (DamagedEntry d : log.damagedEntries()) {
            if (damaged == null) {
                damaged = new TreeMap<>();
            }
            damaged.put(d.seq(), d);
        }
    }

    boolean invalidKey() {
        return invalidKey;
    }

    /** Its id turned out not to be a valid Ed25519 key. */
    void keyIsInvalid() {
        invalidKey = true;
    }

    long height() {
        return height;
    }

    byte[] lastMessageId() {
        return lastMessageId;
    }

    long nextDmx() {
        return nextDmx;
    }

    /** Records entry {@code height + 1} with message id {@code messageId}. */
    void advance(byte[] messageId) {
        height++;
        lastMessageId = messageId;
        nextDmx = Dmx.key(Entries.dmx(id, height + 1, messageId));
    }

    /** Incomplete side chains by entry (read only: {@link #putPending}, {@link #removePending} change them). */
    SortedMap<Long, Cursor> pending() {
        return pending == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(pending);
    }

    void putPending(long seq, Cursor c) {
        if (pending == null) {
            pending = new TreeMap<>();
        }
        pending.put(seq, c);
    }

    void removePending(long seq) {
        if (pending != null) {
            pending.remove(seq);
            if (pending.isEmpty()) {
                pending = null;
            }
        }
    }

    /** Side chains that can still complete. */
    int incompleteChains() {
        if (pending == null) {
            return 0;
        }
        int n = 0;
        for (Cursor c : pending.values()) {
            n += c.unavailable() ? 0 : 1;
        }
        return n;
    }

    /** Entries the store found corrupt, waiting for a peer's copy (read only: {@link #repaired} changes them). */
    SortedMap<Long, DamagedEntry> damaged() {
        return damaged == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(damaged);
    }

    /** Damaged entry {@code seq} is back. */
    void repaired(long seq) {
        if (damaged != null) {
            damaged.remove(seq);
            if (damaged.isEmpty()) {
                damaged = null;
            }
        }
    }

    boolean muted() {
        return muted;
    }

    void mute(boolean muted) {
        this.muted = muted;
    }

    /**
     * Whether entries of this feed can be accepted at all: not muted, and its key valid (or not
     * decoded yet: see {@link FeedTable#key}).
     */
    boolean replicable() {
        return !invalidKey && !muted;
    }
}
