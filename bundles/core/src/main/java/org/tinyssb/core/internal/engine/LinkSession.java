package org.tinyssb.core.internal.engine;

import org.tinyssb.api.link.Link;
import org.tinyssb.codec.GoSetMessage;

/**
 * The engine's state towards one link: its round timers, the rotating WANT offset, the adaptive
 * round-trip estimate (as the reference pub computes it), GOset claims heard on it, and counters.
 */
final class LinkSession {
    /** What a packet this node sent was for; those up to {@code BEACON} are control traffic. */
    enum Sent {
        GOSET, WANT, CHNK, BY_ID, FEEDS, BEACON, ANSWER, PUSH;

        /** The name metrics and the shell use. */
        String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        boolean control() {
            return ordinal() <= BEACON.ordinal();
        }
    }


    /** Claims per window towards one peer, and the window: the reference settles ~3 per 15 s round. */
    static final int CLAIMS_PER_WINDOW = 5;
    static final long CLAIM_WINDOW_MILLIS = 15_000;
    final Link link;
    /** Point-to-point socket without pacing: more generous answers and GOset help. */
    final boolean stream;
    final GoSetNegotiation.PendingClaims pendingClaims = new GoSetNegotiation.PendingClaims();
    /** The GOset 1 claimed on this link, and the views of it kept armed. */
    final LinkGoSet goset;
    final GoSetViews.Kept keptViews = new GoSetViews.Kept();
    /** Stream links: where the walk through the peer's feed pages stands, and the feeds it listed. */
    final Listings.Walk walk = new Listings.Walk();
    /** Feed pages this node may still send this second (a peer cannot make it list feeds without end). */
    private double pageTokens = PAGES_PER_SECOND;
    private long pageTokensAt;
    /** The view of {@link #goset} as it stands (armed); vectors this node sends refer to it. */
    GoSetView view;
    private final EngineConfig config;
    private final long minIntervalMillis;

    int wantOffset;
    /** Radios with back-off: whose turn it is among the neighbours asked one at a time. */
    int askTurn;
    /** Radios with back-off: which of the asked neighbour's feeds a WANT naming every feed starts at. */
    int askFirstTurn;
    /** Radios with back-off: the neighbours heard ahead of this node, told apart by their feeds. */
    final NeighboursAhead neighboursAhead = new NeighboursAhead();
    /** Whose turn it is among the feeds asked for first (news, followed). */
    int newsTurn;
    /** Whose turn it is among the feeds asked for by id. */
    int byIdTurn;
    /** When the peer last sent a WANT under this node's current GOset state (0: never). */
    private long gosetAgreedAt = Long.MIN_VALUE;
    private double rttMillis;
    /** Paced links with back-off: how long the first answer to a vector takes (NaN: not measured yet). */
    private double pacedRttMillis = Double.NaN;
    private long lastVectorAt;
    private int dataSinceVector;
    private long lastDataAt = -1;
    private long lastRoundAt;
    Scheduler.Cancellable gosetTimer;
    Scheduler.Cancellable vectorTimer;
    Scheduler.Cancellable beaconTimer;
    /** Paced links with back-off: the GOset claims' and the vectors' Trickle timers (null otherwise). */
    Trickle gosetTrickle;
    Trickle vectorTrickle;
    /** Paced links with back-off: answers asked for again and again back off (null otherwise). */
    AnswerBackoff answerBackoff;
    /**
     * WANT rounds left out in a row at most while a neighbour heard on this link within the last
     * hour ({@link NeighboursAhead}) holds entries of a feed this node asks for. The
     * neighbour that asked for the same may be out of the hearing of those that hold them (a
     * star's leaves, the two sides of a line), so its WANT may not be the one they answer. Without
     * this, a star's hub that lacked a few entries of one leaf stayed silent for 10 minutes while
     * the other leaves asked it for the same (10-node star at 1 %: 1.84 x the floor instead of 1.93).
     */
    static final int WANTS_SUPPRESSED_WHILE_BEHIND = 1;
    /** On a shared channel with overhearing: packets sent lately that answers leave out (else null). */
    PassOver passOver;
    /** Most answers waiting for their moment on a paced link (beyond: left out, the asker asks again). */
    static final int MAX_PENDING_ANSWERS = 256;
    /** Paced links with back-off: answers waiting for their random moment, by packet hash. */
    final java.util.Map<HashKey, Scheduler.Cancellable> pendingAnswers = new java.util.HashMap<>();
    long answersOverheard;
    /** A neighbour's peer-beacon request was heard since this node's last one (which it then leaves out). */
    boolean beaconRequestHeard;
    final long[] sentByKind = new long[Sent.values().length];
    /** The link's radio, if it is one: what each packet costs on the air (null otherwise). */
    final org.tinyssb.api.link.RadioAirtime radio;
    final double[] airtimeByKind = new double[Sent.values().length];
    /** Packets sent by kind and length (for the air time each kind took). */
    final long[][] sentBySize = new long[Sent.values().length][org.tinyssb.api.link.LinkProfile.TINYSSB_PACKET + 1];
    long nextVectorAt;
    boolean earlyGosetPending;
    /**
     * How soon a GOset round answers a claim that differs from this node's set: doubles with each
     * such answer (peers that cannot agree, e.g. because a policy refuses a key, must not keep
     * each other busy) and starts over when the set grows.
     */
    private long claimAnswerDelayMillis;

    /** When the claims of the last window went out (the reference's GOset round is 15 s). */
    private final java.util.ArrayDeque<Long> claimTimes = new java.util.ArrayDeque<>();
    private long now;

    /** False once the link is detached or the engine stopped: timers that still fire do nothing. */
    boolean attached = true;
    long gosetRounds;
    long vectorRounds;
    long packetsIn;
    long packetsOut;
    long dropped;
    long refusedByLink;

    /**
     * How long answers on a stream link may stay unused by the peer before they count as lost and
     * are sent again: far above a loopback or internet round trip and a slow verifier's backlog of
     * a whole window (the reference pub verifies in pure Python, milliseconds an entry), short
     * enough that a packet the peer dropped stalls its feed for a moment only.
     */
    static final long ANSWER_HOLD_MILLIS = 2_000;
    /**
     * Answers that may be on their way to a peer on a stream link, per feed or chain and in all: a
     * peer that asks again every few milliseconds while it verifies (the reference pub) must find
     * enough on its way to stay busy between its asks, or its round-trip estimate grows and it
     * asks less often (ReferencePullTest); 192 packets are 23 KB.
     */
    static final int IN_FLIGHT_PER_FEED = 48;
    static final int IN_FLIGHT_PER_LINK = 192;

    /** Stream links: answers still on their way to the peer, not sent twice (null on radio and paced links). */
    final AnswersInFlight answersInFlight;

    LinkSession(Link link, EngineConfig config, int wantOffset, LinkGoSet goset) {
        this.link = link;
        this.goset = goset;
        this.config = config;
        this.radio = link instanceof org.tinyssb.api.link.RadioAirtime r ? r : null;
        double pps = link.profile().packetsPerSecond();
        this.stream = Double.isInfinite(pps) && !link.profile().broadcast();
        // a round makes up to two vectors and their answers: leave a paced link room for them
        long paced = Double.isInfinite(pps) ? 0 : (long) Math.ceil(1000.0 * (2 + 2 * answerCredit(config)) / pps);
        this.minIntervalMillis = Math.max(config.rttMinMillis(), paced);
        this.pacedVectorMinMillis = Math.max(config.rttInitialMillis(), Math.max(config.rttMinMillis(),
                Double.isInfinite(pps) ? 0 : (long) Math.ceil(1000.0 * (1 + answerCredit(config)) / pps)));
        this.rttMillis = Math.max(config.rttInitialMillis(), minIntervalMillis);
        this.wantOffset = wantOffset;
        this.claimAnswerDelayMillis = config.gosetEarlyRoundMillis();
        this.answersInFlight = stream ? new AnswersInFlight(Math.max(IN_FLIGHT_PER_FEED, config.answerCreditStream()),
                Math.max(IN_FLIGHT_PER_LINK, 4 * config.answerCreditStream()), ANSWER_HOLD_MILLIS) : null;
    }

    /**
     * The delay of the next round answering a differing claim, or -1 once answers would come no
     * sooner than the regular rounds (which then do the work).
     */
    long nextClaimAnswerDelay() {
        long d = claimAnswerDelayMillis;
        if (d >= config.gosetIntervalMillis()) {
            return -1;
        }
        claimAnswerDelayMillis = 2 * Math.max(1, d);
        return d;
    }

    /**
     * Claims this link may still get in the current window: a peer that lists the claims it hears
     * and settles a few per 15 s round (the reference: at 15 it fails) must not get more than it
     * settles; novelties are not counted, they are taken at once.
     */
    int claimBudget() {
        while (!claimTimes.isEmpty() && now - claimTimes.peekFirst() >= CLAIM_WINDOW_MILLIS) {
            claimTimes.pollFirst();
        }
        return Math.max(0, CLAIMS_PER_WINDOW - claimTimes.size());
    }

    /** The packets of a GOset round went out: remembers its claims. */
    void claimsSent(java.util.List<byte[]> packets) {
        for (byte[] p : packets) {
            if (p.length == GoSetMessage.CLAIM_LENGTH) {
                claimTimes.addLast(now);
            }
        }
    }

    /** The engine's clock, for the claim window. */
    void clock(long nowMillis) {
        this.now = nowMillis;
    }

    void gosetAgreedAt(long now) {
        gosetAgreedAt = now;
    }

    /** Whether the peer spoke this node's GOset state within {@code withinMillis}. */
    boolean gosetAgreed(long now, long withinMillis) {
        return gosetAgreedAt != Long.MIN_VALUE && now - gosetAgreedAt <= withinMillis;
    }

    void gosetGrew() {
        claimAnswerDelayMillis = config.gosetEarlyRoundMillis();
    }

    private int answerCredit(EngineConfig c) {
        return stream ? c.answerCreditStream() : c.answerCredit();
    }

    /**
     * Packets sent in answer to one vector heard on this link. A radio with back-off on which at
     * most one neighbour (or none) was heard ahead of this node in the last hour sends twice the
     * credit: this node is not between two neighbours that feed it, whose answers a longer one
     * would collide with or hold up, and each vector gets more at once (2 nodes: 1.47 frames per
     * item instead of 1.65). A star's hub, ahead of every leaf, answers with twice the credit too.
     */
    int answerCredit(long now) {
        if (vectorTrickle != null && config.overhearing() && neighboursAhead.count(now) <= 1) {
            return ONE_NEIGHBOUR_CREDIT_FACTOR * answerCredit(config);
        }
        return answerCredit(config);
    }

    /** How much larger the answer credit is on a radio with one neighbour (see {@link #answerCredit(long)}). */
    static final int ONE_NEIGHBOUR_CREDIT_FACTOR = 2;

    /** Packets per GOset round spent helping the peer. */
    int gosetHelpPackets() {
        return stream ? config.gosetHelpPacketsStream() : config.gosetHelpPackets();
    }

    /**
     * A vector round starts: if nothing arrived since the last one, back off (x1.5, bounded);
     * returns the delay until the next round.
     */
    long vectorRoundStarted(long now) {
        lastRoundAt = now;
        if (dataSinceVector == 0) {
            rttMillis = Math.min(rttMillis * 1.5, config.rttMaxMillis());
            lastVectorAt = 0;
        } else {
            lastVectorAt = now;
            dataSinceVector = 0;
        }
        return Math.max(minIntervalMillis, Math.round(rttMillis));
    }

    /**
     * A vector went out on a paced link with back-off: the first answer measures the round trip;
     * returns the shortest interval the next rounds should keep.
     */
    long pacedVectorSent(long now) {
        lastVectorAt = now;
        dataSinceVector = 0;
        long floor = pacedVectorFloorMillis(now);
        double rtt = Double.isNaN(pacedRttMillis) ? floor : pacedRttMillis;
        return Math.max(floor, Math.min(Math.round(rtt), Math.max(floor, config.controlBackoffMaxMillis() / 8)));
    }

    /** An entry or chunk arrived on this link: the first one after a vector measures the round trip. */
    void dataArrived(long now) {
        if (lastVectorAt != 0 && dataSinceVector == 0) {
            double measured = now - lastVectorAt;
            pacedRttMillis = Double.isNaN(pacedRttMillis) ? measured : 0.5 * pacedRttMillis + 0.5 * measured;
            rttMillis = Math.max(minIntervalMillis, 0.5 * rttMillis + 0.5 * (now - lastVectorAt));
        }
        dataSinceVector++;
    }

    /**
     * A packet of entry or chunk size arrived, new or a duplicate: answers are still on their way
     * (duplicates mean a backlog of answers to earlier rounds that asking again would lengthen).
     */
    void answerPacketArrived(long now) {
        lastDataAt = now;
    }

    /**
     * How long a due vector round on a stream link should still wait because answers to the last
     * one are still arriving (0: go ahead). A receiver that stores slower than the socket delivers
     * (a file store syncing every entry) would otherwise ask again for what is already on its way,
     * and every repeat would be sent twice. Bounded by the longest round interval, so a peer that
     * keeps sending cannot stop this node's rounds.
     */
    long answersStillArriving(long now) {
        if (!stream || lastDataAt < 0) {
            return 0;
        }
        long quiet = now - lastDataAt;
        if (quiet >= minIntervalMillis || now - lastRoundAt >= config.rttMaxMillis()) {
            return 0;
        }
        return minIntervalMillis - quiet;
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
        attached = false;
        if (gosetTimer != null) {
            gosetTimer.cancel();
        }
        if (vectorTimer != null) {
            vectorTimer.cancel();
        }
        if (beaconTimer != null) {
            beaconTimer.cancel();
        }
        if (gosetTrickle != null) {
            gosetTrickle.stop();
        }
        pendingAnswers.values().forEach(Scheduler.Cancellable::cancel);
        pendingAnswers.clear();
        if (vectorTrickle != null) {
            vectorTrickle.stop();
        }
    }

    /**
     * The same for paced links with back-off: room for one vector and its answers (the fixed
     * rounds leave room for both sides' vectors and answers; with back-off the two sides' rounds
     * rarely both carry data, and overheard vectors and answers are not sent twice).
     */
    final long pacedVectorMinMillis;

    /**
     * The shortest vector interval now: while the radio's duty budget has plenty of room in its
     * window, rounds follow the air's own pace (frames and pauses); once it runs low, the rate the
     * duty cycle allows in the long run ({@link #pacedVectorMinMillis}). A sliding window lets a
     * radio spend its hour's budget in a burst, and data goes first when it runs short.
     */
    long pacedVectorFloorMillis(long now) {
        if (radio == null) {
            return pacedVectorMinMillis;
        }
        int frames = 1 + answerCredit(now);
        double round = frames * radio.airtimeMillis(org.tinyssb.api.link.LinkProfile.TINYSSB_PACKET);
        if (radio.budgetMillis() - radio.budgetUsedMillis() < BURST_ROUNDS * round) {
            return pacedVectorMinMillis;
        }
        // room for both sides' vectors and answers at the air's pace, and at least half the
        // long-run interval: a burst may use the window's budget sooner, not all at once
        long burst = (long) Math.ceil(2 * 1000.0 * frames / radio.burstFramesPerSecond());
        return Math.max(config.rttInitialMillis(), Math.max(burst, pacedVectorMinMillis / 2));
    }

    /** Rounds' worth of air time the budget must still hold for rounds at the air's own pace. */
    static final int BURST_ROUNDS = 8;

    /** Feed pages answered per second on one link at most (768 feeds a second, 30 KB; 100,000 feeds in 130 s). */
    static final int PAGES_PER_SECOND = 256;

    /** How many of {@code wanted} feed pages may go now (a token bucket of a second's worth). */
    int takePages(int wanted, long now) {
        pageTokens = Math.min(PAGES_PER_SECOND, pageTokens + (now - pageTokensAt) * PAGES_PER_SECOND / 1000.0);
        pageTokensAt = now;
        int n = (int) Math.min(wanted, Math.floor(pageTokens));
        pageTokens -= n;
        return n;
    }

    /** Sends {@code packet} for {@code kind}, counted; false if the link refused it (its outbox full, or closed). */
    boolean send(byte[] packet, Sent kind) {
        if (link.send(packet)) {
            packetsOut++;
            sentByKind[kind.ordinal()]++;
            sentBySize[kind.ordinal()][Math.min(packet.length, sentBySize[0].length - 1)]++;
            if (radio != null) {
                airtimeByKind[kind.ordinal()] += radio.airtimeMillis(packet.length);
            }
            return true;
        }
        refusedByLink++;
        return false;
    }

    /** Packets sent so far, by what they were for. */
    java.util.Map<Sent, Long> sentByKind() {
        java.util.Map<Sent, Long> out = new java.util.EnumMap<>(Sent.class);
        for (Sent k : Sent.values()) {
            out.put(k, sentByKind[k.ordinal()]);
        }
        return out;
    }
}
