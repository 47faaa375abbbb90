package org.tinyssb.link.websocket.internal;

import java.util.function.LongSupplier;

/**
 * What a peer may send on one connection: binary messages of at most {@value #MAX_PACKET} bytes,
 * at a bounded rate (a token bucket). Anything else is counted and dropped; the connection stays.
 */
final class InboundGuard {
    /** Largest message taken as a packet (tinySSB packets are at most 120 bytes). */
    static final int MAX_PACKET = 1024;

    /** What became of a message. */
    enum Verdict {
        ACCEPT, TEXT, OVERSIZE, FLOOD
    }

    private final double ratePerSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefill;

    InboundGuard(double ratePerSecond, LongSupplier nanoClock) {
        this.ratePerSecond = ratePerSecond;
        this.burst = Math.max(1, 2 * ratePerSecond);
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.lastRefill = nanoClock.getAsLong();
    }

    synchronized Verdict binary(int length) {
        if (length > MAX_PACKET) {
            return Verdict.OVERSIZE;
        }
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - lastRefill) / 1e9 * ratePerSecond);
        lastRefill = now;
        if (tokens < 1) {
            return Verdict.FLOOD;
        }
        tokens -= 1;
        return Verdict.ACCEPT;
    }

    Verdict text() {
        return Verdict.TEXT;
    }
}
