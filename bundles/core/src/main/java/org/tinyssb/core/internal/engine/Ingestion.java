package org.tinyssb.core.internal.engine;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.store.StoreException;
import org.tinyssb.codec.ChainHeader;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.EntryRejectedException;
import org.tinyssb.codec.LogEntry;
import org.tinyssb.codec.SideChain;
import org.tinyssb.core.internal.engine.Demux.ChunkTarget;

/**
 * Entries and chunks from peers: verified (signature, DMX, hash chain) before anything reaches
 * the store, then stored, then announced. A rejection is counted by reason and logged (throttled).
 */
final class Ingestion {
    /** What became of a packet. */
    enum Outcome {
        STORED, REJECTED, STALE
    }

    private static final Logger LOG = LoggerFactory.getLogger(Ingestion.class);
    private final EngineConfig config;
    private final FeedTable feeds;
    private final Demux demux;
    private final EngineMetrics metrics;
    private final EngineEvents events;
    private final ThrottledLog badInput;

    Ingestion(EngineConfig config, FeedTable feeds, Demux demux, EngineMetrics metrics, EngineEvents events,
            ThrottledLog badInput) {
        this.config = config;
        this.feeds = feeds;
        this.demux = demux;
        this.metrics = metrics;
        this.events = events;
        this.badInput = badInput;
    }

    /** A packet whose DMX is the one armed for {@code f}'s next entry. */
    Outcome entry(FeedReplica f, byte[] packet, String from) {
        long seq = f.height() + 1;
        String at = f.id.shortId() + "#" + seq;
        LogEntry entry;
        int chunkCount = 0;
        byte[] firstChunk = null;
        try {
            entry = Entries.verify(f.key, seq, f.lastMessageId(), packet);
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
        try {
            f.log.append(seq, packet, entry.messageId(), chunkCount, firstChunk, List.of());
        } catch (StoreException | RuntimeException e) {
            metrics.drop("store-failed");
            LOG.error("cannot store entry {}: {}", at, e.toString());
            return Outcome.REJECTED;
        }
        feeds.advance(f, entry.messageId());
        if (chunkCount > 0) {
            feeds.startChain(f, seq, chunkCount, firstChunk);
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
        byte[] next = SideChain.nextPointer(packet);
        try {
            f.log.putChunk(t.seq(), t.index(), packet, next);
        } catch (StoreException | RuntimeException e) {
            demux.armChunk(hash, t);
            metrics.drop("store-failed");
            LOG.error("cannot store chunk {} of {}#{}: {}", t.index(), f.id.shortId(), t.seq(), e.toString());
            return Outcome.REJECTED;
        }
        metrics.chunksStored++;
        if (feeds.chunkStored(t, next)) {
            events.contentComplete(f.id, t.seq());
        }
        return Outcome.STORED;
    }

    private Outcome reject(String reason, String message) {
        metrics.drop(reason);
        badInput.warn(reason, message);
        return Outcome.REJECTED;
    }
}
