package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.tinyssb.codec.IdVectors;
import org.tinyssb.codec.IdVectors.ChunkRequest;
import org.tinyssb.codec.IdVectors.Want;

/**
 * Vectors by feed id (the node's extension, {@link IdVectors}): which feeds this node asks for by
 * id each round, and the answers to a peer's. Independent of GOset agreement, so followed feeds
 * replicate whatever the GOsets hold and feeds beyond the GOset's 255 replicate at all.
 */
final class IdExchange {
    private IdExchange() {
    }

    /**
     * WANT-by-id packets for the next entries of {@code asked} ({@value IdVectors#MAX_WANTS} feeds a
     * packet, in order); feeds asking for nothing are left out.
     */
    static List<byte[]> wants(List<FeedReplica> asked, ToLongFunction<FeedReplica> next) {
        List<byte[]> out = new ArrayList<>();
        List<Want> wants = new ArrayList<>(IdVectors.MAX_WANTS);
        for (FeedReplica f : asked) {
            long seq = next.applyAsLong(f);
            if (seq < VectorExchange.NOTHING_WANTED) {
                wants.add(new Want(IdVectors.prefix(f.id), seq));
            }
            if (wants.size() == IdVectors.MAX_WANTS) {
                out.add(IdVectors.encodeWants(wants));
                wants.clear();
            }
        }
        if (!wants.isEmpty()) {
            out.add(IdVectors.encodeWants(wants));
        }
        return out;
    }

    /**
     * CHNK-by-id packets for the side chains of {@code feeds} that can still complete
     * ({@value IdVectors#MAX_CHUNK_REQUESTS} chains a packet), at most {@code maxPackets}.
     */
    static List<byte[]> chunkRequests(List<FeedReplica> feeds, int maxPackets) {
        List<byte[]> out = new ArrayList<>();
        List<ChunkRequest> chunks = new ArrayList<>(IdVectors.MAX_CHUNK_REQUESTS);
        for (FeedReplica f : feeds) {
            for (Map.Entry<Long, FeedReplica.Cursor> p : f.pending().entrySet()) {
                if (out.size() == maxPackets) {
                    return out;
                }
                if (!p.getValue().unavailable() && p.getKey() <= Integer.MAX_VALUE) {
                    chunks.add(new ChunkRequest(IdVectors.prefix(f.id), p.getKey(), p.getValue().next()));
                }
                if (chunks.size() == IdVectors.MAX_CHUNK_REQUESTS) {
                    out.add(IdVectors.encodeChunkRequests(chunks));
                    chunks.clear();
                }
            }
        }
        if (!chunks.isEmpty() && out.size() < maxPackets) {
            out.add(IdVectors.encodeChunkRequests(chunks));
        }
        return out;
    }

    /** Entries answering a WANT-by-id: round-robin over the feeds this node holds, at most {@code credit}. */
    static List<byte[]> answer(List<Want> wants, FeedTable feeds, int credit, AnswersInFlight inFlight, long now) {
        List<RoundRobinAnswer.Row> rows = new ArrayList<>();
        for (Want w : wants) {
            rows.add(RoundRobinAnswer.entries(feeds.byPrefix(w.feedPrefix()), w.nextSeq()));
        }
        return RoundRobinAnswer.answer(rows, credit, inFlight, null, now);
    }

    /** Chunks answering a CHNK-by-id: round-robin over the chains, at most {@code credit}. */
    static List<byte[]> answerChunks(List<ChunkRequest> requests, FeedTable feeds, int credit, AnswersInFlight inFlight,
            long now) {
        List<RoundRobinAnswer.Row> rows = new ArrayList<>();
        for (ChunkRequest r : requests) {
            rows.add(RoundRobinAnswer.chunks(feeds.byPrefix(r.feedPrefix()), r.seq(), r.chunk()));
        }
        return RoundRobinAnswer.answer(rows, credit, inFlight, null, now);
    }
}
