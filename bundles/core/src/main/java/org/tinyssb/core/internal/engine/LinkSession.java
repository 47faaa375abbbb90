package org.tinyssb.core.internal.engine;

import org.tinyssb.api.link.Link;

/**
 * The engine's state towards one link: its round timers, the rotating WANT offset, the adaptive
 * round-trip estimate (as the reference pub computes it), GOset claims heard on it, and counters.
 */
final class LinkSession {
    final Link link;
    /** Point-to-point socket without pacing: more generous answers and GOset help. */
    final boolean stream;
    final GoSetNegotiation.PendingClaims pendingClaims = new GoSetNegotiation.PendingClaims();
    private final EngineConfig config;
    private final long minIntervalMillis;

    int wantOffset;
    private double rttMillis;
    private long lastVectorAt;
    private int dataSinceVector;
    Scheduler.Cancellable gosetTimer;
    Scheduler.Cancellable vectorTimer;
    long nextVectorAt;
    boolean earlyGosetPending;

    long gosetRounds;
    long vectorRounds;
    long packetsIn;
    long packetsOut;
    long dropped;
    long refusedByLink;

    LinkSession(Link link, EngineConfig config, int wantOffset) {
        this.link = link;
        this.config = config;
        double pps = link.profile().packetsPerSecond();
        this.stream = Double.isInfinite(pps) && !link.profile().broadcast();
        // a round makes up to two vectors and their answers: leave a paced link room for them
        long paced = Double.isInfinite(pps) ? 0 : (long) Math.ceil(1000.0 * (2 + 2 * answerCredit(config)) / pps);
        this.minIntervalMillis = Math.max(config.rttMinMillis(), paced);
        this.rttMillis = Math.max(config.rttInitialMillis(), minIntervalMillis);
        this.wantOffset = wantOffset;
    }

    private int answerCredit(EngineConfig c) {
        return stream ? c.answerCreditStream() : c.answerCredit();
    }

    /** Packets sent in answer to one vector heard on this link. */
    int answerCredit() {
        return answerCredit(config);
    }

    /** Packets per GOset round spent helping the peer. */
    int gosetHelpPackets() {
        return stream ? config.gosetHelpPacketsStream() : config.gosetHelpPackets();
    }

    /**
     * A vector round starts: if nothing arrived since the last one, back off (x1.5, bounded);
     * returns the delay until the next round.
     */
    long vectorRoundStarted(long now) {
        if (dataSinceVector == 0) {
            rttMillis = Math.min(rttMillis * 1.5, config.rttMaxMillis());
            lastVectorAt = 0;
        } else {
            lastVectorAt = now;
            dataSinceVector = 0;
        }
        return Math.max(minIntervalMillis, Math.round(rttMillis));
    }

    /** An entry or chunk arrived on this link: the first one after a vector measures the round trip. */
    void dataArrived(long now) {
        if (lastVectorAt != 0 && dataSinceVector == 0) {
            rttMillis = Math.max(minIntervalMillis, 0.5 * rttMillis + 0.5 * (now - lastVectorAt));
        }
        dataSinceVector++;
    }

    /**
     * The GOset changed, so vectors may now reach feeds they could not: forget the back-off that
     * rounds without answers built up.
     */
    void resetBackOff() {
        rttMillis = Math.min(rttMillis, Math.max(config.rttInitialMillis(), minIntervalMillis));
    }

    long rttMillis() {
        return Math.round(rttMillis);
    }

    void cancelTimers() {
        if (gosetTimer != null) {
            gosetTimer.cancel();
        }
        if (vectorTimer != null) {
            vectorTimer.cancel();
        }
    }
}
