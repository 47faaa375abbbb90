package org.tinyssb.link.kit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Transmit time allowed in a sliding window (EU868: 1 % of any hour, 36 s): a radio asks before
 * each frame and records what it sent. Not thread-safe: the radio's own thread uses it.
 */
public final class DutyCycleBudget {
    private record Transmission(long at, double millis) {
    }

    private final double allowedMillis;
    private final long windowMillis;
    private final LongSupplier clock;
    private final Deque<Transmission> sent = new ArrayDeque<>();
    private double usedMillis;

    /**
     * @param share        share of the window that may be spent transmitting, 0 < share <= 1
     * @param windowMillis the sliding window (3,600,000 for "per hour")
     * @param clock        current time in milliseconds (injected, so tests control time)
     */
    public DutyCycleBudget(double share, long windowMillis, LongSupplier clock) {
        if (!(share > 0 && share <= 1) || windowMillis <= 0) {
            throw new IllegalArgumentException("duty cycle must be in (0, 1] and the window positive");
        }
        this.allowedMillis = share * windowMillis;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    /** How long to wait before a frame of {@code airtimeMillis} fits the budget (0: now). */
    public long waitMillis(double airtimeMillis) {
        long now = clock.getAsLong();
        expire(now);
        double over = usedMillis + airtimeMillis - allowedMillis;
        if (over <= 0) {
            return 0;
        }
        if (airtimeMillis > allowedMillis) {
            return Long.MAX_VALUE; // never fits
        }
        // wait until enough of the oldest transmissions have left the window
        double freed = 0;
        for (Transmission t : sent) {
            freed += t.millis();
            if (freed >= over) {
                return Math.max(1, t.at() + windowMillis - now);
            }
        }
        return windowMillis;
    }

    /** Records a frame of {@code airtimeMillis} sent now. */
    public void spend(double airtimeMillis) {
        long now = clock.getAsLong();
        expire(now);
        sent.addLast(new Transmission(now, airtimeMillis));
        usedMillis += airtimeMillis;
    }

    /** Transmit time spent within the current window. */
    public double usedMillis() {
        expire(clock.getAsLong());
        return usedMillis;
    }

    public double allowedMillis() {
        return allowedMillis;
    }

    private void expire(long now) {
        while (!sent.isEmpty() && sent.peekFirst().at() + windowMillis <= now) {
            usedMillis -= sent.removeFirst().millis();
        }
        if (sent.isEmpty()) {
            usedMillis = 0;
        }
    }
}
