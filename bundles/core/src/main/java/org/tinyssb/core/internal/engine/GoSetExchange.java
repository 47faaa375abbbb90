package org.tinyssb.core.internal.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedPolicy;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.GoSetMessage;

/**
 * The GOset side of the engine: claims and novelties heard from peers, keys admitted through the
 * feed policy (their feeds start replicating at once), the packets of each GOset round, and the
 * vector DMX of recent GOset states kept armed so that a peer one state behind is understood.
 */
final class GoSetExchange {
    private final EngineConfig config;
    private final GoSet goset;
    private final FeedTable feeds;
    private final Demux demux;
    private final FeedPolicy policy;
    private final EngineMetrics metrics;
    private final ThrottledLog badInput;
    private final Deque<GoSetView> views = new ArrayDeque<>();
    /** Most keys waiting to prove themselves (admission {@code proven}); the oldest give way. */
    static final int MAX_CANDIDATES = 256;
    private boolean provenOnly;
    /** Keys announced by peers that wait for a valid entry before they enter the GOset, oldest first. */
    private final java.util.LinkedHashSet<FeedId> candidates = new java.util.LinkedHashSet<>();

    GoSetExchange(EngineConfig config, GoSet goset, FeedTable feeds, Demux demux, FeedPolicy policy,
            EngineMetrics metrics, ThrottledLog badInput) {
        this.config = config;
        this.goset = goset;
        this.feeds = feeds;
        this.demux = demux;
        this.policy = policy;
        this.metrics = metrics;
        this.badInput = badInput;
    }

    /** What a GOset packet changed. */
    enum Heard {
        /** Nothing to do (malformed, or a part of the set that agrees). */
        NOTHING,
        /** A claim of the peer's whole set, equal to this node's: the two agree. */
        AGREES,
        /** The set grew. */
        GREW,
        /** A claim over a range where this node's set differs: the peer needs an answer. */
        DIFFERS,
        /**
         * A claim between two keys this node holds that agrees as far as it reaches but is not
         * this node's whole set: its sender may lack keys outside its range (which only a claim
         * of the whole set shows it), or is settling a part of the set with another neighbour.
         */
        PARTIAL
    }

    /** A GOset packet heard on {@code s}. */
    Heard receive(LinkSession s, byte[] packet) {
        GoSetMessage message;
        try {
            message = GoSetMessage.decode(packet);
        } catch (CodecException e) {
            s.dropped++;
            metrics.drop("bad-goset");
            badInput.warn("bad-goset", "malformed GOset packet from " + s.link.id() + ": " + e.getMessage());
            return Heard.NOTHING;
        }
        GoSetView before = goset.view();
        boolean differs = false;
        boolean agrees = false;
        if (message instanceof GoSetMessage.Claim c) {
            agrees = goset.size() > 0 && c.equals(goset.fullClaim());
            GoSetNegotiation.onClaim(goset, c, s.pendingClaims, this::admit);
            differs = GoSetNegotiation.differs(goset, c);
        } else if (message instanceof GoSetMessage.Novelty n) {
            admit(n.key());
        } else if (message instanceof GoSetMessage.Zap z) {
            // the ESP32 firmware wipes its repository on this, unauthenticated: anyone in radio
            // range could erase a node. Counted and logged, never obeyed and never repeated.
            s.dropped++;
            metrics.drop("zap-ignored");
            badInput.warn("zap", "ignored a GOset zap from " + s.link.id() + " asking to wipe "
                    + (z.everything() ? "every feed" : "feed #" + z.index() + " of its set")
                    + ": unauthenticated wipe requests are never obeyed");
            return Heard.NOTHING;
        }
        if (goset.view() != before) {
            return Heard.GREW;
        }
        if (differs) {
            return Heard.DIFFERS;
        }
        if (agrees) {
            return Heard.AGREES;
        }
        if (message instanceof GoSetMessage.Claim c && goset.indexOf(c.lo()) >= 0 && goset.indexOf(c.hi()) >= 0) {
            return Heard.PARTIAL; // (ends this node does not hold, refused or beyond its cap, it cannot answer)
        }
        return Heard.NOTHING;
    }

    /**
     * Admission {@code proven}: a key a peer announces enters the GOset only once a valid entry of
     * it arrived; until then it waits among a bounded number of candidates, replicated in memory
     * (its first entry's DMX armed, asked for by id), never stored and never claimed.
     */
    void provenOnly(boolean on) {
        provenOnly = on;
    }

    boolean isCandidate(FeedId key) {
        return candidates.contains(key);
    }

    int candidateCount() {
        return candidates.size();
    }

    /** Candidates, oldest first (to be asked for by id). */
    List<FeedId> candidates() {
        return List.copyOf(candidates);
    }

    /** An entry of {@code key} was stored: a candidate enters the GOset. Returns whether the set grew. */
    boolean proven(FeedId key) {
        if (!candidates.remove(key)) {
            return false;
        }
        return goset.add(key);
    }

    private void candidate(FeedId key) {
        if (candidates.remove(key)) {
            candidates.add(key); // announced again: the newest
            return;
        }
        if (feeds.isReplicated(key)) {
            return; // replicated already (followed, or held beyond the GOset's cap)
        }
        candidates.add(key);
        feeds.announced(key);
        while (candidates.size() > MAX_CANDIDATES) {
            FeedId oldest = candidates.iterator().next();
            candidates.remove(oldest);
            feeds.forgetAnnounced(oldest);
            metrics.drop("candidate-dropped");
        }
    }

    /** A key a peer announced: admitted if new, allowed by the policy and the set has room. */
    private boolean admit(FeedId key) {
        if (goset.contains(key)) {
            return false;
        }
        if (!policy.admit(key)) {
            metrics.drop("feed-refused");
            return false;
        }
        FeedReplica held = feeds.get(key);
        if (provenOnly && !feeds.isOwnOrFollowed(key) && (held == null || held.height() == 0)) {
            candidate(key);
            return false;
        }
        if (!goset.add(key)) {
            if (goset.isFull()) {
                badInput.warn("goset-full", "GOset full (" + config.gosetCap() + "): not adding " + key);
            }
            return false;
        }
        feeds.announced(key);
        return true;
    }

    /** The packets of one GOset round towards the peer of {@code s}. */
    List<byte[]> round(LinkSession s) {
        GoSetNegotiation.learnMiddleKeys(goset, s.pendingClaims, this::admit);
        List<byte[]> packets = GoSetNegotiation.round(goset, s.pendingClaims, config.gosetAsksPerRound(),
                s.gosetHelpPackets(), s.claimBudget(), s.stream);
        s.claimsSent(packets);
        return packets;
    }

    /** Arms the vector DMX of the current state, retiring the oldest of the states kept. */
    void refreshViews() {
        GoSetView v = goset.view();
        if (v.sameState(views.peekLast())) {
            return;
        }
        views.addLast(v);
        demux.arm(v.wantDmx(), new Demux.WantTarget(v));
        demux.arm(v.chunkDmx(), new Demux.ChunkVectorTarget(v));
        while (views.size() > config.viewHistory()) {
            GoSetView old = views.removeFirst();
            demux.disarm(old.wantDmx(), new Demux.WantTarget(old));
            demux.disarm(old.chunkDmx(), new Demux.ChunkVectorTarget(old));
        }
    }
}
