package org.tinyssb.core.internal.engine;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Which packets an answer on a shared channel may leave out. A vector row asks for a feed (or a
 * side chain) from one position on. When this node sent the packets after that position lately,
 * the asker most likely lost only the first one: a node keeps the frames it overhears until the
 * gap before them is filled ({@link Overheard}). Sending them again spends the credit, and the
 * radio's duty budget, on packets the asker holds already; the packets after them are what it
 * lacks. The first packet of a row always goes, so a packet left out that the asker lacks after
 * all goes when the asker asks from it, one vector later.
 *
 * <p>Peers that keep nothing they overhear (the reference implementations) ask from every packet
 * left out. Each guess is settled by the next row asking for its feed or chain: a row asking from
 * beyond the packet shows it was held (a good guess), a row asking from it shows it was not. Once
 * more than {@link #GIVE_UP_SHARE} of the guesses lately were wrong, nothing is left out. Then the
 * share halves every {@link #RETRY_HALF_LIFE_MILLIS} (neighbours come and go), and leaving out is
 * tried again below {@link #RETRY_SHARE}: a neighbourhood of reference peers costs a handful of
 * wrong guesses an hour. A guess no row settles within the answer memory's window counts neither
 * way (a side chain completed is not asked for again). Nothing is left out of a row whose first
 * packet went out twice lately: its asker does not hear this node.
 *
 * <p>A LoRa frame names no sender, so guesses are not told apart by asker: a neighbour of this
 * node's kind asking from beyond settles guesses a reference peer needed as good. The reference
 * peer still gets every packet, one vector at a time for those left out. A vector that repeats a
 * row can only make this node stop leaving out. Bounded whatever peers ask for.
 */
final class PassOver implements RoundRobinAnswer.Skipping {
    static final int CAPACITY = 1_024;
    /**
     * Share of wrong guesses above which nothing is left out. Measured in the LoRa simulation: 0.1 to
     * 0.3 among nodes like this one, above 0.6 at a hub whose leaves follow the reference.
     */
    static final double GIVE_UP_SHARE = 0.5;
    /** Share below which leaving out is tried again after giving up. */
    static final double RETRY_SHARE = 0.3;
    /** While given up, the share halves in this time. */
    static final long RETRY_HALF_LIFE_MILLIS = 3_600_000;
    /** Times sent lately from which a row's first packet shows the asker does not hear this node. */
    static final int REPEATS_NOT_HEARD = 2;
    /** Weight of the newest guess in the share (about the last 16 count). */
    private static final double WEIGHT = 1.0 / 16;

    private record Guess(Object row, long position) {
    }

    private final AnswerBackoff sentLately;
    private final long windowMillis;
    private final LinkedHashMap<Guess, Long> open = new LinkedHashMap<>(); // left out at, oldest first
    private final Map<Object, NavigableMap<Long, Long>> openByRow = new HashMap<>();
    private double wrongShare;
    private boolean givenUp;
    private long decayedAt;
    private long leftOutCount;
    private long wrongCount;

    /** @param sentLately the link's memory of the answers it sent, whose window this one shares */
    PassOver(AnswerBackoff sentLately) {
        this.sentLately = sentLately;
        this.windowMillis = sentLately.windowMillis();
    }

    @Override
    public boolean askedFor(Object row, long position, byte[] first, long now) {
        settle(row, position, now);
        // asked for a third time lately: the asker does not hear this node (its answers collide
        // there), so what went after it did not get through either
        return first == null || sentLately.timesSent(AnswerBackoff.keyOf(first), now) < REPEATS_NOT_HEARD;
    }

    private void settle(Object row, long position, long now) {
        expire(now);
        NavigableMap<Long, Long> guesses = openByRow.get(row);
        if (guesses == null) {
            return;
        }
        for (Iterator<Long> it = guesses.headMap(position, true).keySet().iterator(); it.hasNext();) {
            long p = it.next();
            it.remove();
            open.remove(new Guess(row, p));
            settled(p == position, now);
        }
        if (guesses.isEmpty()) {
            openByRow.remove(row);
        }
    }

    @Override
    public boolean passOver(Object row, long position, byte[] packet, long now) {
        expire(now);
        if (givenUp || sentLately.timesSent(AnswerBackoff.keyOf(packet), now) == 0) {
            return false;
        }
        Guess g = new Guess(row, position);
        if (!open.containsKey(g)) {
            open.put(g, now);
            openByRow.computeIfAbsent(row, r -> new TreeMap<>()).put(position, now);
            leftOutCount++;
            if (open.size() > CAPACITY) {
                forget(open.keySet().iterator().next());
            }
        }
        return true;
    }

    /** Whether nothing is left out now: too many guesses were wrong. */
    boolean givenUp() {
        return givenUp;
    }

    /** Share of the guesses settled lately that were wrong (weighted towards the newest). */
    double wrongShare() {
        return wrongShare;
    }

    /** Packets left out so far, each counted once while its guess is open. */
    long leftOut() {
        return leftOutCount;
    }

    /** Guesses found wrong so far: the packet left out was asked for. */
    long wrong() {
        return wrongCount;
    }

    /** Guesses open now (at most {@link #CAPACITY}). */
    int remembered() {
        return open.size();
    }

    private void settled(boolean wrong, long now) {
        if (wrong) {
            wrongCount++;
            wrongShare += WEIGHT * (1 - wrongShare);
        } else {
            wrongShare -= WEIGHT * wrongShare;
        }
        if (wrongShare > GIVE_UP_SHARE && !givenUp) {
            givenUp = true;
            decayedAt = now;
        }
    }

    private void forget(Guess g) {
        open.remove(g);
        NavigableMap<Long, Long> guesses = openByRow.get(g.row());
        if (guesses != null) {
            guesses.remove(g.position());
            if (guesses.isEmpty()) {
                openByRow.remove(g.row());
            }
        }
    }

    private void expire(long now) {
        while (!open.isEmpty()) {
            Map.Entry<Guess, Long> oldest = open.entrySet().iterator().next();
            if (now - oldest.getValue() <= windowMillis) {
                break; // oldest first: the rest are newer
            }
            forget(oldest.getKey()); // never settled: counts neither way
        }
        if (givenUp && now > decayedAt) {
            wrongShare *= Math.pow(0.5, (now - decayedAt) / (double) RETRY_HALF_LIFE_MILLIS);
            decayedAt = now;
            givenUp = wrongShare >= RETRY_SHARE;
        }
    }
}
