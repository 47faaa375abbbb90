package org.tinyssb.core.internal.engine;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this node sent one peer on a stream link in answer to its vectors, feed by feed (WANT) and
 * chain by chain (CHNK), and not yet seen used: the peer's next ask for that feed or chain has not
 * gone past it. A vector that asks again for packets still on their way (a peer that asks every few
 * milliseconds while it verifies slowly, as the reference pub does; a receiver paused by a disk
 * sync or a garbage collection) is answered with the packets after them instead of the same ones
 * twice: a sliding window per feed or chain, and one over the rows of each vector.
 *
 * <p>A stream link delivers in order and loses nothing, but a receiver may drop what it cannot take
 * (a flood limit, a DMX not yet armed): when a peer's asks have not moved past a row's packets for
 * {@code holdMillis}, they count as lost and are sent again. Memory is bounded: at most
 * {@link #MAX_TRACKED} feeds and chains, the least recently answered forgotten first.
 */
final class AnswersInFlight {
    static final int MAX_TRACKED = 1024;

    private final int windowPerRow;
    private final int windowPerVector;
    private final long holdMillis;
    private final LinkedHashMap<Object, Row> rows = new LinkedHashMap<>(64, 0.75f, true);

    /** Packets of one feed (or chain) sent, from {@code asked} (the peer's latest ask) to {@code through}. */
    private static final class Row {
        long asked;
        long through;
        long movedAt;
    }

    /**
     * What an answer to one row of a vector may send: positions {@code from} on, at most {@code max};
     * {@code onItsWay} of the row's packets are still on their way.
     */
    record Window(long from, int max, int onItsWay) {
    }

    AnswersInFlight(int windowPerRow, int windowPerVector, long holdMillis) {
        if (windowPerRow < 1 || windowPerVector < windowPerRow || holdMillis < 1) {
            throw new IllegalArgumentException("windows of at least 1 packet, a vector's at least a row's, hold >= 1 ms");
        }
        this.windowPerRow = windowPerRow;
        this.windowPerVector = windowPerVector;
        this.holdMillis = holdMillis;
    }

    /** Packets the rows of one vector may have on their way together. */
    int windowPerVector() {
        return windowPerVector;
    }

    /**
     * The peer asks for {@code key} from position {@code wanted} (an entry's sequence number, a
     * chunk's number): where the answer starts and how many packets of this row it may send.
     */
    Window asked(Object key, long wanted, long now) {
        Row r = rows.get(key);
        if (r == null) {
            return new Window(wanted, windowPerRow, 0);
        }
        if (wanted > r.asked) { // the peer used what came before: the window slides
            r.asked = wanted;
            r.movedAt = now;
        } else if (wanted < r.asked || now - r.movedAt > holdMillis) {
            r.asked = wanted; // asked again for what it had, or nothing moved for too long: lost, send again
            r.through = wanted - 1;
            r.movedAt = now;
        }
        long from = Math.max(wanted, r.through + 1);
        return new Window(from, (int) Math.max(0, wanted + windowPerRow - from), (int) (from - wanted));
    }

    /** The answer to a row sent its packets up to position {@code through}. */
    void sent(Object key, long wanted, long through, long now) {
        Row r = rows.get(key);
        if (r == null) {
            r = new Row();
            r.asked = wanted;
            r.through = wanted - 1;
            rows.put(key, r);
            trim();
        }
        r.through = Math.max(r.through, through);
        r.movedAt = now;
    }

    int tracked() {
        return rows.size();
    }

    private void trim() {
        Iterator<Map.Entry<Object, Row>> it = rows.entrySet().iterator();
        while (rows.size() > MAX_TRACKED && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
