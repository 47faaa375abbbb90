package org.tinyssb.link.kit;

import java.util.function.LongSupplier;

/**
 * How many packets a peer may make a link take per second: a token bucket ({@code rate} per
 * second, bursts of up to two seconds' worth). Beyond it packets are dropped and counted as
 * {@link LinkCounter#FLOOD}. Thread-safe; the clock is injected.
 */
public final class RateLimit {
    private final double ratePerSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefill;

    public RateLimit(double ratePerSecond, LongSupplier nanoClock) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("a rate limit must be positive: " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = Math.max(1, 2 * ratePerSecond);
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.lastRefill = nanoClock.getAsLong();
    }

    /** Whether one more packet may be taken now. */
    public synchronized boolean admit() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - lastRefill) / 1e9 * ratePerSecond);
        lastRefill = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
