package org.tinyssb.link.websocket.internal;

import java.util.Random;

/**
 * Delays between reconnection attempts: doubling from {@code min} to {@code max}, each with up to
 * 25 % random jitter so that many nodes losing the same pub do not all return at once.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final Random random;
    private long next;

    Backoff(long minMillis, long maxMillis, Random random) {
        this.minMillis = minMillis;
        this.maxMillis = Math.max(minMillis, maxMillis);
        this.random = random;
        this.next = minMillis;
    }

    /** The delay before the next attempt (and doubles the one after). */
    synchronized long nextDelay() {
        long base = next;
        next = Math.min(maxMillis, next * 2);
        return base + (long) (random.nextDouble() * base / 4);
    }

    /** A connection held: start again from the shortest delay. */
    synchronized void reset() {
        next = minMillis;
    }
}
