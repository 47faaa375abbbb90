package org.tinyssb.link.websocket.internal;

import java.util.Random;

/**
 * Delays between reconnection attempts: doubling from {@code min} to {@code max}, each with up to
 * 25 % random jitter so that many nodes losing the same pub do not all return at once. Only a
 * connection that held starts the delays over: a pub that accepts and then closes at once, or
 * sends a frame over the limit, is retried later each time (it was every 1.5 s).
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final Random random;
    /** How long a connection must have lasted for the delays to start over. */
    static final long HELD_MILLIS = 30_000;

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

    /**
     * The delay after a connection that lasted {@code heldMillis} (0: it never opened) ended: the
     * delays start over if it held at least {@link #HELD_MILLIS} and the pub kept to the rules.
     */
    synchronized long afterConnection(long heldMillis, boolean pubBrokeRules) {
        if (heldMillis >= HELD_MILLIS && !pubBrokeRules) {
            reset();
        }
        return nextDelay();
    }
}
