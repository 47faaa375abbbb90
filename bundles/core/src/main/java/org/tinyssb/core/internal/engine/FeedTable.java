package org.tinyssb.core.internal.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedInfo;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.api.store.StoreException;
import org.tinyssb.codec.VerifyingKey;
import org.tinyssb.core.internal.engine.Demux.ChunkTarget;

/**
 * The feeds the engine replicates, with the demultiplexer kept in step: a replicated feed always
 * has the DMX of its next entry armed and the hash of every incomplete chain's next chunk.
 * Also knows which feeds are local (this node signs them) and which are unfollowed.
 */
final class FeedTable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedTable.class);

    private final FeedStore store;
    private final Demux demux;
    private final Map<FeedId, FeedReplica> replicas = new HashMap<>();
    private final Set<FeedId> local = new HashSet<>();
    private final Set<FeedId> unfollowed = new HashSet<>();

    FeedTable(FeedStore store, Demux demux) {
        this.store = store;
        this.demux = demux;
    }

    FeedReplica get(FeedId id) {
        return replicas.get(id);
    }

    boolean isReplicated(FeedId id) {
        return replicas.containsKey(id);
    }

    Set<FeedId> replicatedIds() {
        return replicas.keySet();
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

    void markUnfollowed(FeedId id) {
        unfollowed.add(id);
    }

    /** The replica of {@code id}, its log created in the store if needed. */
    FeedReplica ensure(FeedId id) throws StoreException {
        FeedReplica f = replicas.get(id);
        return f != null ? f : activate(store.createLog(id));
    }

    /** Starts replicating the feed of {@code log}: arms its next entry and incomplete chains. */
    FeedReplica activate(FeedLog log) {
        unfollowed.remove(log.feed());
        FeedReplica f = new FeedReplica(log, verifyingKey(log.feed()));
        replicas.put(f.id, f);
        if (f.replicable()) {
            demux.arm(f.nextDmx(), new Demux.EntryTarget(f));
            for (Map.Entry<Long, FeedReplica.Cursor> p : f.pending().entrySet()) {
                demux.armChunk(p.getValue().expectedHash(), new ChunkTarget(f, p.getKey(), p.getValue().next()));
            }
        }
        return f;
    }

    private static VerifyingKey verifyingKey(FeedId id) {
        try {
            return VerifyingKey.of(id);
        } catch (IllegalArgumentException e) {
            LOG.warn("feed id {} is not a valid Ed25519 key: no entry of it can be accepted", id);
            return null;
        }
    }

    /** Entry {@code height + 1} of {@code f} is stored: arm the DMX of the one after it. */
    void advance(FeedReplica f, byte[] messageId) {
        demux.disarm(f.nextDmx(), new Demux.EntryTarget(f));
        f.advance(messageId);
        if (f.replicable()) {
            demux.arm(f.nextDmx(), new Demux.EntryTarget(f));
        }
    }

    /** Entry {@code seq} announced a side chain: expect its first chunk. */
    void startChain(FeedReplica f, long seq, int chunkCount, byte[] firstHash) {
        f.pending().put(seq, new FeedReplica.Cursor(0, chunkCount, firstHash));
        demux.armChunk(firstHash, new ChunkTarget(f, seq, 0));
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
            f.pending().remove(t.seq());
            return true;
        }
        FeedReplica.Cursor n = new FeedReplica.Cursor(c.next() + 1, c.missing() - 1, nextHash);
        f.pending().put(t.seq(), n);
        demux.armChunk(nextHash, new ChunkTarget(f, t.seq(), n.next()));
        return false;
    }

    /** Whether {@code t} is still what its feed expects (the feed may have been unfollowed). */
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
        demux.disarm(f.nextDmx(), new Demux.EntryTarget(f));
        for (Map.Entry<Long, FeedReplica.Cursor> p : f.pending().entrySet()) {
            demux.disarmChunk(p.getValue().expectedHash(), new ChunkTarget(f, p.getKey(), p.getValue().next()));
        }
        unfollowed.add(id);
        store.delete(id);
        return true;
    }

    FeedInfo info(FeedId id, int gosetIndex) {
        FeedReplica f = replicas.get(id);
        return new FeedInfo(id, f == null ? 0 : f.height(), gosetIndex, local.contains(id), f != null,
                f == null ? 0 : f.pending().size());
    }
}
