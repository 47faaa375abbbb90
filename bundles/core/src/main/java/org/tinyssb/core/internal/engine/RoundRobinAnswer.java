package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.tinyssb.api.FeedId;

/**
 * The answer to a vector (WANT or CHNK, by GOset index or by id): the packets its rows ask for,
 * taken in turns (the first of each row, then the second of each, ...) as the reference does, at
 * most {@code credit} in all; on a stream link none that are still on their way to the peer
 * ({@link AnswersInFlight}), on a shared channel none sent lately that the asker most likely
 * overheard ({@link PassOver}).
 */
final class RoundRobinAnswer {
    private RoundRobinAnswer() {
    }

    /**
     * One row of a vector: the feed (or chain) it names, the first position it wants, and how to
     * fetch the packet at a position (empty past the end of the feed or chain, or if not held).
     * A row this node cannot answer has a null key.
     */
    record Row(Object key, long first, LongFunction<Optional<byte[]>> packet) {
        static final Row NONE = new Row(null, 0, p -> Optional.empty());
    }

    /** What an answer on a shared channel may leave out ({@link PassOver}). */
    interface Skipping {
        /**
         * A row names {@code row} from {@code position} on, whose packet there is {@code first}
         * (null if this node does not hold it): that packet goes out. Returns whether packets
         * after it may be left out.
         */
        boolean askedFor(Object row, long position, byte[] first, long now);

        /** Whether {@code packet}, at {@code position} of {@code row} after the first one asked for, may be left out. */
        boolean passOver(Object row, long position, byte[] packet, long now);
    }

    /** A side chain, named across vectors for {@link AnswersInFlight}. */
    record Chain(FeedId feed, long seq) {
    }

    /** A row for the entries of {@code f} from {@code seq} on (NONE if this node does not hold it). */
    static Row entries(FeedReplica f, long seq) {
        if (f == null) {
            return Row.NONE;
        }
        return new Row(f.id, seq, p -> p < 1 || p > f.height() ? Optional.empty() : f.log.entry(p));
    }

    /** A row for the chunks of the side chain of entry {@code seq} of {@code f}, from chunk {@code chunk}. */
    static Row chunks(FeedReplica f, long seq, long chunk) {
        if (f == null || seq < 1 || seq > f.height()) {
            return Row.NONE;
        }
        return new Row(new Chain(f.id, seq), chunk,
                p -> p < 0 || p > Integer.MAX_VALUE ? Optional.empty() : f.log.chunk(seq, (int) p));
    }

    /**
     * An answer: its packets, and the index of the row the first of them answers (-1: none), which
     * tells whose turn it is on a shared channel ({@link AnswerTurns}).
     */
    record Answer(List<byte[]> packets, int firstRow) {
    }

    /**
     * The packets answering {@code rows}: with {@code inFlight} null (radio and paced links) none is
     * held back; with {@code skipping} null none is passed over.
     */
    static List<byte[]> answer(List<Row> rows, int credit, AnswersInFlight inFlight, Skipping skipping, long now) {
        return answered(rows, credit, inFlight, skipping, now).packets();
    }

    /** As {@link #answer}, with the row its first packet answers. */
    static Answer answered(List<Row> rows, int credit, AnswersInFlight inFlight, Skipping skipping, long now) {
        if (inFlight != null && skipping != null) {
            throw new IllegalArgumentException("stream links hold back what is on its way, radios what went out lately: not both");
        }
        int n = rows.size();
        long[] from = new long[n];
        long[] max = new long[n];
        long onItsWay = 0;
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            if (r.key() == null) {
                continue;
            }
            if (inFlight == null) {
                from[i] = r.first();
                max[i] = Long.MAX_VALUE;
            } else {
                AnswersInFlight.Window w = inFlight.asked(r.key(), r.first(), now);
                from[i] = w.from();
                max[i] = w.max();
                onItsWay += w.onItsWay();
            }
        }
        int budget = inFlight == null ? credit : (int) Math.min(credit, Math.max(0, inFlight.windowPerVector() - onItsWay));
        List<byte[]> out = new ArrayList<>();
        int firstRow = -1;
        long[] sent = new long[n];
        long[] skipped = new long[n];
        long mayPassOver = 4L * credit; // bounds the look-ups a vector costs
        boolean[] ended = new boolean[n];
        boolean[] skipsIn = new boolean[n];
        List<Optional<byte[]>> firsts = new ArrayList<>(skipping == null ? 0 : n); // fetched once
        for (int i = 0; i < n && skipping != null; i++) { // every row settles guesses, answered or not
            Row r = rows.get(i);
            firsts.add(r.packet().apply(r.first()));
            if (r.key() != null) {
                skipsIn[i] = skipping.askedFor(r.key(), r.first(), firsts.get(i).orElse(null), now);
            }
        }
        boolean found = true;
        while (found && out.size() < budget) {
            found = false;
            for (int i = 0; i < n && out.size() < budget; i++) {
                if (ended[i] || sent[i] >= max[i]) {
                    continue;
                }
                Optional<byte[]> p = skipping != null && sent[i] + skipped[i] == 0 ? firsts.get(i)
                        : rows.get(i).packet().apply(from[i] + sent[i] + skipped[i]);
                if (skipsIn[i] && sent[i] + skipped[i] > 0) {
                    Object key = rows.get(i).key();
                    while (p.isPresent() && mayPassOver > 0
                            && skipping.passOver(key, from[i] + sent[i] + skipped[i], p.get(), now)) {
                        mayPassOver--;
                        skipped[i]++;
                        p = rows.get(i).packet().apply(from[i] + sent[i] + skipped[i]);
                    }
                }
                if (p.isPresent()) {
                    if (out.isEmpty()) {
                        firstRow = i;
                    }
                    out.add(p.get());
                    sent[i]++;
                    found = true;
                } else {
                    ended[i] = true;
                }
            }
        }
        if (inFlight != null) {
            for (int i = 0; i < n; i++) {
                if (sent[i] > 0) {
                    inFlight.sent(rows.get(i).key(), rows.get(i).first(), from[i] + sent[i] - 1, now);
                }
            }
        }
        return new Answer(out, firstRow);
    }
}
