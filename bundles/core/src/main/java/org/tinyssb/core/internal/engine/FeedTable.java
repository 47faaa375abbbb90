package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedInfo;
import org.tinyssb.api.store.DamagedEntry;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.api.store.StoreException;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.VerifyingKey;
import org.tinyssb.core.internal.engine.Demux.ChunkTarget;

/**
 * The feeds the engine replicates, with the demultiplexer kept in step: a replicated feed always
 * has the DMX of its next entry armed, the hash of every incomplete chain's next chunk, and the
 * DMX of every entry its store found damaged. Also knows which feeds are local (this node signs
 * them), which the operator follows (kept whatever admission and quotas say) and which are
 * unfollowed.
 */
final class FeedTable {
    private final FeedStore store;
    private final Demux demux;
    /** Sorted, so that a feed is also found by the first 8 bytes of its id, as vectors by id name it. */
    private final java.util.TreeMap<FeedId, FeedReplica> replicas = new java.util.TreeMap<>();
    /** Decoded verifying keys of the feeds in use lately (a decoded key takes ~220 bytes; 30 us to decode again). */
    private final Map<FeedId, VerifyingKey> keys = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FeedId, VerifyingKey> eldest) {
            return size() > DECODED_KEYS;
        }
    };
    static final int DECODED_KEYS = 4_096;
    private final Set<FeedId> local = new HashSet<>();
    private final Set<FeedId> followed = new HashSet<>();
    private final Set<FeedId> unfollowed = new HashSet<>();
    /** Replicated feeds with side chains that can still complete, in the order they are asked for. */
    private final java.util.LinkedHashSet<FeedReplica> withChains = new java.util.LinkedHashSet<>();
    private final FeedDirectory directory;

    private final ThrottledLog warnings;

    /**
     * @param directory where the feeds held are listed for peers, by their last change
     * @param warnings  where lines a peer can cause go (a spammer's keys are often not valid keys)
     */
    FeedTable(FeedStore store, Demux demux, FeedDirectory directory, ThrottledLog warnings) {
        this.store = store;
        this.demux = demux;
        this.directory = directory;
        this.warnings = warnings;
    }

    FeedDirectory directory() {
        return directory;
    }

    /**
     * Up to {@code max} feeds with side chains still to complete, taking turns: those returned go
     * to the back of the line.
     */
    List<FeedReplica> chainsInTurn(int max) {
        List<FeedReplica> out = new ArrayList<>(Math.min(max, withChains.size()));
        Iterator<FeedReplica> it = withChains.iterator();
        while (it.hasNext() && out.size() < max) {
            out.add(it.next());
            it.remove();
        }
        withChains.addAll(out);
        return out;
    }

    /** Feeds with side chains still to complete. */
    int chainedCount() {
        return withChains.size();
    }

    private void noteChains(FeedReplica f) {
        if (f.replicable() && f.incompleteChains() > 0) {
            withChains.add(f);
        } else {
            withChains.remove(f);
        }
    }

    FeedReplica get(FeedId id) {
        return replicas.get(id);
    }

    /** The replicated feed whose id starts with {@code prefix} (8 bytes), or null. */
    FeedReplica byPrefix(long prefix) {
        byte[] low = new byte[FeedId.LENGTH];
        for (int i = 7; i >= 0; i--) {
            low[i] = (byte) prefix;
            prefix >>>= 8;
        }
        Map.Entry<FeedId, FeedReplica> e = replicas.ceilingEntry(FeedId.of(low));
        if (e == null) {
            return null;
        }
        for (int i = 0; i < 8; i++) {
            if (e.getKey().byteAt(i) != low[i]) {
                return null;
            }
        }
        return e.getValue();
    }

    /**
     * The verifying key of {@code f}, decoded when first needed and kept while the feed is in use;
     * null (and {@code f} marked) if its id is not a valid Ed25519 key.
     */
    VerifyingKey key(FeedReplica f) {
        if (f.invalidKey()) {
            return null;
        }
        VerifyingKey k = keys.get(f.id);
        if (k == null) {
            try {
                k = VerifyingKey.of(f.id);
                keys.put(f.id, k);
            } catch (IllegalArgumentException e) {
                f.keyIsInvalid();
            }
        }
        return k;
    }

    /** Feeds replicated. */
    int size() {
        return replicas.size();
    }

    boolean isReplicated(FeedId id) {
        return replicas.containsKey(id);
    }

    Set<FeedId> replicatedIds() {
        return replicas.keySet();
    }

    Iterable<FeedReplica> replicas() {
        return replicas.values();
    }

    boolean isLocal(FeedId id) {
        return local.contains(id);
    }

    /** Marks {@code id} as signed by this node; returns whether it is new to the local set. */
    boolean markLocal(FeedId id) {
        unfollowed.remove(id);
        return local.add(id);
    }

    int localCount() {
        return local.size();
    }

    Set<FeedId> unfollowed() {
        return Set.copyOf(unfollowed);
    }

    boolean isUnfollowed(FeedId id) {
        return unfollowed.contains(id);
    }

    void markUnfollowed(FeedId id) {
        unfollowed.add(id);
        followed.remove(id);
    }

    /** Feeds the operator chose to follow. */
    Set<FeedId> followed() {
        return Set.copyOf(followed);
    }

    boolean markFollowed(FeedId id) {
        unfollowed.remove(id);
        return followed.add(id);
    }

    /** Whether this node keeps everything of {@code id} whatever quotas say: its own, or followed. */
    boolean isOwnOrFollowed(FeedId id) {
        return local.contains(id) || followed.contains(id);
    }

    /** The replica of {@code id}, its log created in the store if needed. */
    FeedReplica ensure(FeedId id) throws StoreException {
        FeedReplica f = replicas.get(id);
        if (f != null && f.log instanceof UnstoredLog) {
            return materialize(f);
        }
        return f != null ? f : activate(store.createLog(id));
    }

    /** A feed a peer announced: replicated, but nothing stored until its first entry arrives. */
    FeedReplica announced(FeedId id) {
        FeedReplica f = replicas.get(id);
        return f != null ? f : activate(new UnstoredLog(id));
    }

    /** The first entry of an announced feed arrived: its log is made in the store and takes over. */
    FeedReplica materialize(FeedReplica f) throws StoreException {
        FeedLog log = store.createLog(f.id);
        disarm(f);
        FeedReplica stored = new FeedReplica(log, f.invalidKey());
        stored.mute(f.muted());
        put(stored);
        arm(stored);
        return stored;
    }

    /**
     * Starts replicating the feed of {@code log}: arms its next entry, incomplete chains and damaged
     * entries. The key of a feed that holds nothing is checked at once (anyone can announce any 32
     * bytes); that of a feed with entries when its next entry arrives.
     */
    FeedReplica activate(FeedLog log) {
        unfollowed.remove(log.feed());
        FeedReplica f = new FeedReplica(log, false);
        if (log.height() == 0 && key(f) == null) {
            warnings.warn("invalid-key", "feed id " + f.id + " is not a valid Ed25519 key: no entry of it can be accepted");
        }
        put(f);
        arm(f);
        return f;
    }

    private void put(FeedReplica f) {
        replicas.put(f.id, f);
    }

    private void arm(FeedReplica f) {
        directory.changed(f);
        noteChains(f);
        if (!f.replicable()) {
            return;
        }
        demux.arm(f.nextDmx(), new Demux.EntryTarget(f));
        for (Map.Entry<Long, FeedReplica.Cursor> p : f.pending().entrySet()) {
            if (!p.getValue().unavailable()) {
                demux.armChunk(p.getValue().expectedHash(), new ChunkTarget(f, p.getKey(), p.getValue().next()));
            }
        }
        for (DamagedEntry d : f.damaged().values()) {
            demux.arm(Entries.dmx(f.id, d.seq(), d.prev()), new Demux.RepairTarget(f, d));
        }
    }

    private void disarm(FeedReplica f) {
        directory.remove(f);
        withChains.remove(f);
        demux.disarm(f.nextDmx(), new Demux.EntryTarget(f));
        for (Map.Entry<Long, FeedReplica.Cursor> p : f.pending().entrySet()) {
            demux.disarmChunk(p.getValue().expectedHash(), new ChunkTarget(f, p.getKey(), p.getValue().next()));
        }
        for (DamagedEntry d : f.damaged().values()) {
            demux.disarm(Entries.dmx(f.id, d.seq(), d.prev()), new Demux.RepairTarget(f, d));
        }
    }

    /**
     * Reads {@code id}'s state from its log again (the store found part of it damaged and stopped
     * serving it): the damaged entries and the reopened chains are armed, so that a peer's copy
     * is taken in. Returns the new replica, or null if the feed is not replicated.
     */
    FeedReplica resync(FeedId id) {
        FeedReplica old = replicas.get(id);
        if (old == null) {
            return null;
        }
        disarm(old);
        FeedReplica f = new FeedReplica(old.log, old.invalidKey());
        f.mute(old.muted());
        put(f);
        arm(f);
        return f;
    }


    /** Entry {@code height + 1} of {@code f} is stored: arm the DMX of the one after it. */
    void advance(FeedReplica f, byte[] messageId) {
        demux.disarm(f.nextDmx(), new Demux.EntryTarget(f));
        f.advance(messageId);
        directory.changed(f);
        if (f.replicable()) {
            demux.arm(f.nextDmx(), new Demux.EntryTarget(f));
        }
    }

    /** A damaged entry is back in the store. */
    void repaired(FeedReplica f, DamagedEntry d) {
        demux.disarm(Entries.dmx(f.id, d.seq(), d.prev()), new Demux.RepairTarget(f, d));
        f.repaired(d.seq());
    }

    /** Entry {@code seq} announced a side chain: expect its first chunk (unless its pointer says there is none). */
    void startChain(FeedReplica f, long seq, int chunkCount, byte[] firstHash) {
        FeedReplica.Cursor c = new FeedReplica.Cursor(0, chunkCount, firstHash);
        f.putPending(seq, c);
        if (!c.unavailable()) {
            demux.armChunk(firstHash, new ChunkTarget(f, seq, 0));
        }
        noteChains(f);
    }

    /**
     * Chunk {@code t} is stored; expect the next one (pointed to by {@code nextHash}).
     *
     * @return whether the chain is now complete
     */
    boolean chunkStored(ChunkTarget t, byte[] nextHash) {
        FeedReplica f = t.feed();
        FeedReplica.Cursor c = f.pending().get(t.seq());
        if (c.missing() == 1) {
            f.removePending(t.seq());
            noteChains(f);
            return true;
        }
        FeedReplica.Cursor n = new FeedReplica.Cursor(c.next() + 1, c.missing() - 1, nextHash);
        f.putPending(t.seq(), n);
        if (!n.unavailable()) {
            demux.armChunk(nextHash, new ChunkTarget(f, t.seq(), n.next()));
        } else {
            noteChains(f);
        }
        return false;
    }

    /** Whether {@code t} is still what its feed expects (the feed may have been unfollowed or resynced). */
    boolean expects(ChunkTarget t) {
        FeedReplica.Cursor c = t.feed().pending().get(t.seq());
        return replicas.get(t.feed().id) == t.feed() && c != null && c.next() == t.index();
    }

    /** Stops replicating {@code id} and deletes its log; false if it was not replicated. */
    boolean unfollow(FeedId id) throws StoreException {
        FeedReplica f = replicas.remove(id);
        if (f == null) {
            return false;
        }
        disarm(f);
        markUnfollowed(id);
        store.delete(id);
        return true;
    }

    /** Stops replicating an announced feed that never showed an entry (nothing of it is stored). */
    boolean forgetAnnounced(FeedId id) {
        FeedReplica f = replicas.get(id);
        if (f == null || !(f.log instanceof UnstoredLog) || isOwnOrFollowed(id)) {
            return false;
        }
        replicas.remove(id);
        disarm(f);
        return true;
    }

    FeedInfo info(FeedId id, int gosetIndex, long published) {
        FeedReplica f = replicas.get(id);
        if (f == null) {
            return new FeedInfo(id, 0, gosetIndex, local.contains(id), false, followed.contains(id), published,
                    0, 0, 0);
        }
        int incomplete = f.incompleteChains();
        return new FeedInfo(id, f.height(), gosetIndex, local.contains(id), true, followed.contains(id), published,
                incomplete, f.pending().size() - incomplete, f.damaged().size());
    }
}
