package org.tinyssb.core.internal.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tinyssb.api.store.DamagedEntry;
import org.tinyssb.api.store.StoreException;
import org.tinyssb.api.store.StoreFullException;
import org.tinyssb.codec.ChainHeader;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.EntryRejectedException;
import org.tinyssb.codec.LogEntry;
import org.tinyssb.codec.SideChain;
import org.tinyssb.codec.VerifyingKey;
import org.tinyssb.core.internal.engine.Demux.ChunkTarget;

/**
 * Entries and chunks from peers: verified (signature, DMX, hash chain) before anything reaches
 * the store, checked against what the node lets a feed cost (content length, pending side chains,
 * the content quota for strangers' feeds), then stored, then announced. A rejection is counted by
 * reason and logged (throttled), and so is a store that fails: nothing a peer sends can flood the log.
 */
final class Ingestion {
    /** What became of a packet. */
    enum Outcome {
        STORED, REJECTED, STALE
    }

    private final EngineConfig config;
    private final FeedTable feeds;
    private final Demux demux;
    private final EngineMetrics metrics;
    private final EngineEvents events;
    private final ThrottledLog peerCaused;
    private final ContentQuota quota;
    /** Entries of the packets being taken in that were verified in advance ({@link BatchVerifier}), by packet. */
    private Map<byte[], BatchVerifier.Candidate> preverified = Map.of();
    /** Entries taken with the result verified in advance (for tests and measurements). */
    long verifiedInAdvance;

    Ingestion(EngineConfig config, FeedTable feeds, Demux demux, EngineMetrics metrics, EngineEvents events,
            ThrottledLog peerCaused, ContentQuota quota) {
        this.config = config;
        this.feeds = feeds;
        this.demux = demux;
        this.metrics = metrics;
        this.events = events;
        this.peerCaused = peerCaused;
        this.quota = quota;
    }

    /** Entries verified in advance for the packets taken in next (empty: none). */
    void preverified(Map<byte[], BatchVerifier.Candidate> verified) {
        this.preverified = verified;
    }

    /** {@code packet} as entry {@code seq} of {@code f}, verified, in advance if it was. */
    private LogEntry verified(FeedReplica f, VerifyingKey key, long seq, byte[] packet) throws EntryRejectedException {
        BatchVerifier.Candidate c = preverified.get(packet);
        if (c != null && c.answers(f, seq, f.lastMessageId())) {
            verifiedInAdvance++;
            if (c.refused != null) {
                throw c.refused;
            }
            return c.entry;
        }
        return Entries.verify(key, seq, f.lastMessageId(), packet);
    }

    /** A packet whose DMX is the one armed for {@code f}'s next entry. */
    Outcome entry(FeedReplica announced, byte[] packet, String from) {
        FeedReplica f = announced;
        long seq = f.height() + 1;
        String at = f.id.shortId() + "#" + seq;
        LogEntry entry;
        int chunkCount = 0;
        byte[] firstChunk = null;
        VerifyingKey key = feeds.key(f);
        if (key == null) {
            return reject("invalid-key", "refused " + at + " from " + from + ": the feed id is not a valid Ed25519 key");
        }
        try {
            entry = verified(f, key, seq, packet);
            if (entry.type() == Entries.TYPE_CHAIN20) {
                ChainHeader h = ChainHeader.of(packet);
                if (h.length() > config.maxContentLength()) {
                    return reject("content-too-long", "refused " + at + " from " + from + ": content of "
                            + h.length() + " bytes exceeds " + config.maxContentLength());
                }
                chunkCount = h.chunkCount();
                firstChunk = h.firstPointer();
            }
        } catch (EntryRejectedException e) {
            return reject(e.reason().label(), "refused entry " + at + " from " + from + ": " + e.getMessage());
        } catch (CodecException e) {
            return reject("bad-content-header", "refused entry " + at + " from " + from + ": " + e.getMessage());
        }
        if (f.log instanceof UnstoredLog) {
            try {
                f = feeds.materialize(f); // the feed showed a valid entry: now it takes a place in the store
            } catch (StoreException | RuntimeException e) {
                return storeFailed("cannot make the log of " + f.id.shortId() + ": " + e.getMessage(), e);
            }
        }
        if (chunkCount > 0 && !feeds.isLocal(f.id) && f.pending().size() >= config.maxPendingChains()) {
            // held back, not refused for good: the node asks for it again once chains complete
            metrics.drop("pending-chains-full");
            peerCaused.warn("pending-chains-full", "held back " + at + " from " + from + ": its feed has "
                    + f.pending().size() + " side chains incomplete (max.pending.chains = " + config.maxPendingChains()
                    + "); its next entries with content are fetched once some complete");
            return Outcome.REJECTED;
        }
        try {
            f.log.append(seq, packet, entry.messageId(), chunkCount, firstChunk, List.of());
        } catch (StoreException | RuntimeException e) {
            return storeFailed("cannot store entry " + at + ": " + e.getMessage(), e);
        }
        feeds.advance(f, entry.messageId());
        if (chunkCount > 0) {
            feeds.startChain(f, seq, chunkCount, firstChunk);
            if (SideChain.isNullPointer(firstChunk)) {
                peerCaused.warn("unavailable-chain", "entry " + at + " announces " + chunkCount + " chunks of content "
                        + "but its chain pointer is zero: stored, its content marked unavailable");
            }
        }
        metrics.entriesStored++;
        events.entryStored(f.id, seq);
        if (chunkCount == 0) {
            events.contentComplete(f.id, seq);
        }
        return Outcome.STORED;
    }

    /** A 120-byte packet whose hash is the one {@code t} expects. */
    Outcome chunk(ChunkTarget t, byte[] hash, byte[] packet) {
        demux.disarmChunk(hash, t);
        if (!feeds.expects(t)) {
            return Outcome.STALE;
        }
        FeedReplica f = t.feed();
        boolean counted = !feeds.isOwnOrFollowed(f.id);
        if (counted && !quota.admits(SideChain.CHUNK_LENGTH)) {
            demux.armChunk(hash, t); // still expected: it is stored if the feed is followed later
            metrics.drop("content-quota");
            return Outcome.REJECTED;
        }
        byte[] next = SideChain.nextPointer(packet);
        try {
            f.log.putChunk(t.seq(), t.index(), packet, next);
        } catch (StoreException | RuntimeException e) {
            demux.armChunk(hash, t);
            return storeFailed("cannot store chunk " + t.index() + " of " + f.id.shortId() + "#" + t.seq() + ": "
                    + e.getMessage(), e);
        }
        if (counted) {
            quota.add(SideChain.CHUNK_LENGTH);
        }
        metrics.chunksStored++;
        if (feeds.chunkStored(t, next)) {
            events.contentComplete(f.id, t.seq());
        }
        return Outcome.STORED;
    }

    /** A packet whose DMX is that of an entry the store found damaged: a peer's copy, if it is the same entry. */
    Outcome repair(Demux.RepairTarget t, byte[] packet, String from) {
        FeedReplica f = t.feed();
        DamagedEntry d = t.entry();
        if (feeds.get(f.id) != f || !f.damaged().containsKey(d.seq())) {
            return Outcome.STALE;
        }
        String at = f.id.shortId() + "#" + d.seq();
        LogEntry entry;
        VerifyingKey key = feeds.key(f);
        if (key == null) {
            return reject("invalid-key", "refused " + at + " from " + from + ": the feed id is not a valid Ed25519 key");
        }
        try {
            entry = Entries.verify(key, d.seq(), d.prev(), packet);
        } catch (CodecException e) {
            return reject("bad-repair", "refused " + at + " from " + from + " as the copy of a damaged entry: "
                    + e.getMessage());
        }
        if (!Arrays.equals(entry.messageId(), d.messageId())) {
            return reject("forked-entry", "refused " + at + " from " + from + ": signed by the feed's key but not the "
                    + "entry stored (its author forked the feed)");
        }
        try {
            f.log.repairEntry(d.seq(), packet);
        } catch (StoreException | RuntimeException e) {
            return storeFailed("cannot put entry " + at + " back: " + e.getMessage(), e);
        }
        feeds.repaired(f, d);
        metrics.entriesRepaired++;
        return Outcome.STORED;
    }

    private Outcome storeFailed(String message, Exception e) {
        if (e instanceof StoreFullException) {
            metrics.drop("disk-full"); // the store said so once for all feeds; peers send it again later
            return Outcome.REJECTED;
        }
        metrics.drop("store-failed");
        peerCaused.error("store-failed", message);
        return Outcome.REJECTED;
    }

    private Outcome reject(String reason, String message) {
        metrics.drop(reason);
        peerCaused.warn(reason, message);
        return Outcome.REJECTED;
    }
}
