package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinyssb.codec.IdVectors;
import org.tinyssb.codec.IdVectors.ChunkRequest;
import org.tinyssb.codec.IdVectors.Want;

/**
 * Vectors by feed id (the node's extension, {@link IdVectors}): which feeds this node asks for by
 * id each round, and the answers to a peer's. Independent of GOset agreement, so followed feeds
 * replicate whatever the GOsets hold and feeds beyond the GOset's 255 replicate at all.
 */
final class IdExchange {
    /** WANT-by-id packets per round (9 feeds each), and CHNK-by-id (8 chains). */
    static final int WANT_PACKETS = 2;

    private IdExchange() {
    }

    /**
     * The vectors of one round for {@code asked} (rotating by {@code turn}): WANTs for their next
     * entries, a CHNK for their incomplete chains.
     */
    static List<byte[]> vectors(List<FeedReplica> asked, int turn, java.util.function.ToLongFunction<FeedReplica> next) {
        return vectors(asked, turn, next, WANT_PACKETS);
    }

    /** As {@link #vectors(List, int, java.util.function.ToLongFunction)}, with at most {@code wantPackets} WANTs. */
    static List<byte[]> vectors(List<FeedReplica> asked, int turn, java.util.function.ToLongFunction<FeedReplica> next,
            int wantPackets) {
        List<byte[]> out = new ArrayList<>();
        if (asked.isEmpty()) {
            return out;
        }
        List<Want> wants = new ArrayList<>();
        List<ChunkRequest> chunks = new ArrayList<>();
        int n = asked.size();
        for (int k = 0; k < n && out.size() < wantPackets; k++) {
            FeedReplica f = asked.get(Math.floorMod(turn * wantPackets * IdVectors.MAX_WANTS + k, n));
            long seq = next.applyAsLong(f);
            if (seq <= Integer.MAX_VALUE) {
                wants.add(new Want(IdVectors.prefix(f.id), seq));
            }
            for (Map.Entry<Long, FeedReplica.Cursor> p : f.pending().entrySet()) {
                if (!p.getValue().unavailable() && chunks.size() < IdVectors.MAX_CHUNK_REQUESTS) {
                    chunks.add(new ChunkRequest(IdVectors.prefix(f.id), p.getKey(), p.getValue().next()));
                }
            }
            if (wants.size() == IdVectors.MAX_WANTS) {
                out.add(IdVectors.encodeWants(wants));
                wants.clear();
            }
        }
        if (!wants.isEmpty() && out.size() < wantPackets) {
            out.add(IdVectors.encodeWants(wants));
        }
        if (!chunks.isEmpty()) {
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
