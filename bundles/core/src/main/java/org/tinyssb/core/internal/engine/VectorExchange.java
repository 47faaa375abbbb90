package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.Bipf;
import org.tinyssb.codec.ChunkVector;
import org.tinyssb.codec.WantVector;

/**
 * WANT and CHNK vectors: what this node asks for each round, and what it sends in answer to a
 * peer's vector. Feeds are named by their index in the GOset snapshot the vector refers to.
 */
final class VectorExchange {
    /**
     * What a node wants of a feed it does not replicate (unfollowed, unusable key, or held back):
     * a sequence number no feed reaches, so no peer sends anything for it while the index stays in
     * place. The largest signed 32-bit number: the ESP32 firmware reads vector numbers into
     * 32-bit ints, and reads anything larger as something else (2^32 as "wants entry 1").
     */
    static final long NOTHING_WANTED = Integer.MAX_VALUE;

    private VectorExchange() {
    }

    /**
     * The WANT vector starting at GOset index {@code offset}: the next sequence number wanted of
     * each feed, cut once the encoded numbers pass {@code budget} bytes (as the reference does,
     * the number that passes it is still included).
     */
    static WantVector want(GoSetView view, ToLongFunction<FeedId> nextWanted, int offset, int budget) {
        int n = view.size();
        List<Long> seqs = new ArrayList<>();
        int encoded = 0;
        for (int i = 0; i < n; i++) {
            long next = nextWanted.applyAsLong(view.key((offset + i) % n));
            seqs.add(next);
            encoded += Bipf.encodedLength(next);
            if (encoded > budget) {
                break;
            }
        }
        return new WantVector(offset, seqs);
    }

    /** Neighbours ahead up to which a WANT asks one of them at a time. */
    static final int ASKED_ONE_AT_A_TIME = 2;

    /**
     * What a WANT asks for when it asks one neighbour only, on a radio where one or two neighbours
     * ({@link NeighboursAhead}) hold feeds this node is behind on: the feeds of the neighbour whose
     * turn it is as usual, those the other neighbour is ahead on {@link #NOTHING_WANTED}, and the
     * feeds nobody was heard ahead on as usual too. Two neighbours on either side of a node cannot
     * hear each other, so answering the same vector at once they collide at the asker. The vector
     * itself still rotates over the GOset as every WANT does: this only leaves rows out. Null when
     * there is no such neighbour, or more than {@value #ASKED_ONE_AT_A_TIME} (one at a time would
     * leave the others' air time unused). Turn {@code turn} picks the neighbour.
     */
    static Asking askingOne(GoSetView view, ToLongFunction<FeedId> nextWanted,
            List<Set<FeedId>> neighbours, Predicate<FeedId> behindOn, int turn) {
        List<List<Integer>> asked = new ArrayList<>(); // per neighbour: the rows of the feeds it is ahead on
        Map<FeedId, Integer> neighbourOf = new HashMap<>();
        for (Set<FeedId> feeds : neighbours) {
            List<Integer> rows = new ArrayList<>();
            for (FeedId id : feeds) {
                int index = view.indexOf(id);
                if (index >= 0 && !neighbourOf.containsKey(id) && behindOn.test(id)
                        && nextWanted.applyAsLong(id) != NOTHING_WANTED) {
                    neighbourOf.put(id, asked.size());
                    rows.add(index);
                }
            }
            if (!rows.isEmpty()) {
                Collections.sort(rows);
                asked.add(rows);
            }
        }
        if (asked.isEmpty() || asked.size() > ASKED_ONE_AT_A_TIME) {
            return null;
        }
        int chosen = Math.floorMod(turn, asked.size());
        List<Integer> rows = asked.get(chosen);
        return new Asking(id -> {
            Integer owner = neighbourOf.get(id);
            return owner == null || owner == chosen ? nextWanted.applyAsLong(id) : NOTHING_WANTED;
        }, rows);
    }

    /**
     * A WANT asking one neighbour: what it asks for of each feed, and the GOset indexes of the
     * neighbour's feeds it is behind on, in order.
     */
    record Asking(ToLongFunction<FeedId> nextWanted, List<Integer> rows) {
    }

    /**
     * The CHNK vector: for incomplete side chains of the feeds whose chains are wanted, feed by
     * feed from GOset index {@code offset}, the next chunk wanted; cut once the encoded requests
     * pass {@code budget} bytes. Empty when no chain is incomplete. Chains that can never complete
     * are not asked for.
     */
    static ChunkVector chunks(GoSetView view, Function<FeedId, FeedReplica> replicas, Predicate<FeedReplica> chainsWanted,
            int offset, int budget) {
        int n = view.size();
        List<ChunkVector.Request> requests = new ArrayList<>();
        int encoded = 0;
        for (int i = 0; i < n && encoded <= budget; i++) {
            int index = (offset + i) % n;
            FeedReplica f = replicas.apply(view.key(index));
            if (f == null || !f.replicable() || !chainsWanted.test(f)) {
                continue;
            }
            for (Map.Entry<Long, FeedReplica.Cursor> p : f.pending().entrySet()) {
                if (p.getValue().unavailable()) {
                    continue;
                }
                ChunkVector.Request r = new ChunkVector.Request(index, p.getKey(), p.getValue().next());
                requests.add(r);
                encoded += Bipf.encodedLength(r.asList());
                if (encoded > budget) {
                    break;
                }
            }
        }
        return new ChunkVector(requests);
    }

    /**
     * Whether {@code want} asks for exactly what this node would ask for, feed by feed (a feed that
     * either side does not replicate counts as agreeing): the two hold the same of the feeds it
     * names, so this node's own vector would tell the neighbourhood nothing new.
     */
    static boolean agrees(WantVector want, GoSetView view, ToLongFunction<FeedId> nextWanted) {
        int n = view.size();
        List<Long> seqs = want.nextSeqs();
        if (n == 0 || seqs.isEmpty()) {
            return false;
        }
        for (int i = 0; i < seqs.size(); i++) {
            long theirs = seqs.get(i);
            long ours = nextWanted.applyAsLong(view.key((int) ((want.offset() + (long) i) % n)));
            if (theirs != ours && theirs != NOTHING_WANTED && ours != NOTHING_WANTED) {
                return false;
            }
        }
        return true;
    }

    /**
     * The feeds on which the peer that sent {@code want} holds entries this node lacks (it wants a
     * sequence number beyond the next one this node wants), with how many it holds, in the
     * vector's order; empty when the peer is ahead on none.
     */
    static Map<FeedId, Long> feedsPeerIsAheadOn(WantVector want, GoSetView view, Function<FeedId, FeedReplica> replicas) {
        Map<FeedId, Long> out = new java.util.LinkedHashMap<>();
        int n = view.size();
        List<Long> seqs = want.nextSeqs();
        for (int i = 0; i < seqs.size() && n > 0; i++) {
            FeedId id = view.key((int) ((want.offset() + (long) i) % n));
            FeedReplica f = replicas.apply(id);
            long peerNext = seqs.get(i);
            if (f != null && f.replicable() && peerNext != NOTHING_WANTED && peerNext > f.height() + 1) {
                out.put(id, peerNext - 1);
            }
        }
        return out;
    }

    /** Entries answering a WANT: round-robin over the wanted feeds, at most {@code credit} packets. */
    static RoundRobinAnswer.Answer answer(WantVector want, GoSetView view, Function<FeedId, FeedReplica> replicas,
            int credit, AnswersInFlight inFlight, RoundRobinAnswer.Skipping skipping, long now) {
        int n = view.size();
        List<RoundRobinAnswer.Row> rows = new ArrayList<>();
        List<Long> seqs = want.nextSeqs();
        for (int i = 0; i < seqs.size() && n > 0; i++) {
            rows.add(seqs.get(i) >= NOTHING_WANTED ? RoundRobinAnswer.Row.NONE // asks for nothing: settles nothing
                    : RoundRobinAnswer.entries(replicas.apply(view.key((int) ((want.offset() + (long) i) % n))),
                            seqs.get(i)));
        }
        return RoundRobinAnswer.answered(rows, credit, inFlight, skipping, now);
    }

    /** Rows of {@code want} before row {@code row} that ask for something (rows asking for nothing are no one's turn). */
    static int rowsAskingBefore(WantVector want, int row) {
        int n = 0;
        List<Long> seqs = want.nextSeqs();
        for (int i = 0; i < row && i < seqs.size(); i++) {
            if (seqs.get(i) < NOTHING_WANTED) {
                n++;
            }
        }
        return n;
    }

    /** Chunks answering a CHNK vector: round-robin over the requests, at most {@code credit} packets. */
    static RoundRobinAnswer.Answer answer(ChunkVector vector, GoSetView view, Function<FeedId, FeedReplica> replicas,
            int credit, AnswersInFlight inFlight, RoundRobinAnswer.Skipping skipping, long now) {
        List<RoundRobinAnswer.Row> rows = new ArrayList<>();
        for (ChunkVector.Request r : vector.requests()) {
            rows.add(r.feedIndex() >= view.size() ? RoundRobinAnswer.Row.NONE
                    : RoundRobinAnswer.chunks(replicas.apply(view.key(r.feedIndex())), r.seq(), r.chunk()));
        }
        return RoundRobinAnswer.answered(rows, credit, inFlight, skipping, now);
    }
}
