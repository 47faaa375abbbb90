package org.tinyssb.core.internal.engine;

import java.util.LinkedHashSet;
import java.util.List;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedPolicy;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.GoSetMessage;

/**
 * The GOset side of the engine: each link's GOset 1 ({@link LinkGoSet}: the keys its peers
 * announced, then the smallest of the feeds this node holds), claims and novelties heard on it,
 * the packets of its GOset rounds, and the vector DMX of the sets links use ({@link GoSetViews}).
 * Keys peers announce also start replicating, if the feed policy admits them: in memory only, at
 * most {@value #MAX_ANNOUNCED} of them at a time (the oldest give way), until a valid entry makes
 * the feed one this node holds.
 */
final class GoSetExchange {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GoSetExchange.class);
    private final EngineConfig config;
    private final FeedTable feeds;
    private final FeedPolicy policy;
    private final EngineMetrics metrics;
    private final ThrottledLog badInput;
    private final HeldFeeds held;
    private final GoSetViews views;
    /** Most announced keys replicated at a time while none of their entries arrived; the oldest give way. */
    static final int MAX_ANNOUNCED = 4_096;
    /** Keys announced by peers, replicated in memory until an entry of them arrives, oldest first. */
    private final LinkedHashSet<FeedId> announced = new LinkedHashSet<>();

    GoSetExchange(EngineConfig config, FeedTable feeds, Demux demux, FeedPolicy policy, EngineMetrics metrics,
            ThrottledLog badInput) {
        this.config = config;
        this.feeds = feeds;
        this.policy = policy;
        this.metrics = metrics;
        this.badInput = badInput;
        this.held = new HeldFeeds(config.gosetCap());
        this.views = new GoSetViews(demux, config.viewHistory());
    }

    /** What a GOset packet changed. */
    enum Heard {
        /** Nothing to do (malformed, or a part of the set that agrees). */
        NOTHING,
        /** A claim of the peer's whole set, equal to this link's: the two agree. */
        AGREES,
        /** The link's set changed. */
        GREW,
        /** A claim over a range where this link's set differs: the peer needs an answer. */
        DIFFERS,
        /**
         * A claim between two keys of this link's set that agrees as far as it reaches but is not
         * the whole set: its sender may lack keys outside its range (which only a claim of the
         * whole set shows it), or is settling a part of the set with another neighbour.
         */
        PARTIAL
    }

    // ------------------------------------------------------------------ the sets

    /** The set a new link starts with. */
    LinkGoSet linkSet() {
        return new LinkGoSet(config.gosetCap(), held);
    }

    /**
     * Brings {@code s}'s view up to its set (armed in the demultiplexer); returns whether it
     * changed, which is when the peer must hear of it.
     */
    boolean refresh(LinkSession s) {
        GoSetView now = views.use(s.keptViews, s.goset.set().view());
        if (now == s.view) {
            return false;
        }
        s.view = now;
        return true;
    }

    /** {@code s} is detached: the views only it used are disarmed. */
    void forget(LinkSession s) {
        views.forget(s.keptViews);
    }

    /** The set a link that learnt nothing of its peer claims: for reporting, and a new link's first round. */
    GoSetView defaultView() {
        return held.smallest().view();
    }

    /** This node holds entries of {@code id} (or signs it): returns whether the sets links claim may change. */
    boolean held(FeedId id) {
        announced.remove(id);
        return held.add(id);
    }

    /** An own feed without entries yet: it takes a place where room is left; returns whether a set may change. */
    boolean ownEmpty(FeedId id) {
        return held.addEmpty(id);
    }

    /** This node no longer holds {@code id}: returns whether the sets links claim may change. */
    boolean dropped(FeedId id) {
        return held.remove(id);
    }

    long heldVersion() {
        return held.version();
    }

    // ------------------------------------------------------------------ announced keys

    /** Whether {@code key} was announced and nothing of it arrived yet. */
    boolean isAnnounced(FeedId key) {
        return announced.contains(key);
    }

    int announcedCount() {
        return announced.size();
    }

    /** Announced keys, oldest first (to be asked for by id). */
    List<FeedId> announced() {
        return List.copyOf(announced);
    }

    /**
     * A key a peer announced: replicated (in memory until an entry arrives) if the policy admits
     * it and this node does not replicate it yet. Returns whether it started replicating.
     */
    boolean replicate(FeedId key) {
        if (announced.remove(key)) {
            announced.add(key); // announced again: the newest
            return false;
        }
        if (feeds.isReplicated(key) || GoSet.isZero(key)) {
            return false; // replicated already (held, followed, or an own feed)
        }
        if (!policy.admit(key)) {
            metrics.drop("feed-refused");
            return false;
        }
        if (!feeds.announced(key).replicable()) {
            feeds.forgetAnnounced(key); // not a valid key: nothing of it can ever be accepted
            metrics.drop("invalid-key");
            return false;
        }
        announced.add(key);
        while (announced.size() > MAX_ANNOUNCED) {
            FeedId oldest = announced.iterator().next();
            announced.remove(oldest);
            feeds.forgetAnnounced(oldest);
            metrics.drop("announced-dropped");
        }
        return true;
    }

    /** Stops replicating an announced key that never showed an entry. */
    void forget(FeedId key) {
        if (announced.remove(key)) {
            feeds.forgetAnnounced(key);
        }
    }

    // ------------------------------------------------------------------ claims and novelties

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
        GoSet set = s.goset.set();
        byte[] before = set.view().state();
        boolean differs = false;
        boolean agrees = false;
        if (message instanceof GoSetMessage.Claim c) {
            agrees = set.size() > 0 && c.equals(set.fullClaim());
            GoSetNegotiation.onClaim(set, c, s.pendingClaims, key -> learn(s, key));
            differs = GoSetNegotiation.differs(set, c);
        } else if (message instanceof GoSetMessage.Novelty n) {
            learn(s, n.key());
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
        if (!java.util.Arrays.equals(before, set.view().state())) {
            return Heard.GREW;
        }
        if (differs) {
            return Heard.DIFFERS;
        }
        if (agrees) {
            return Heard.AGREES;
        }
        if (message instanceof GoSetMessage.Claim c && set.indexOf(c.lo()) >= 0 && set.indexOf(c.hi()) >= 0) {
            return Heard.PARTIAL; // (ends beyond this link's cap it cannot answer)
        }
        return Heard.NOTHING;
    }

    /**
     * A key announced on {@code s}: it enters the link's set, and starts replicating if admitted.
     * A set full of announced keys refuses more: said once per link, counted after that.
     */
    private boolean learn(LinkSession s, FeedId key) {
        long refusedBefore = s.goset.refused();
        boolean changed = s.goset.learn(key);
        if (s.goset.refused() > refusedBefore) {
            metrics.drop("goset-full");
            if (refusedBefore == 0) {
                LOG.info("GOset 1 of link {} is full of the {} keys its peers announced: further keys are not added "
                        + "to it (feeds outside it replicate by id with nodes of this kind)", s.link.id(),
                        LinkGoSet.MAX_LEARNED);
            }
        }
        replicate(key);
        return changed;
    }

    /** The packets of one GOset round towards the peer of {@code s}. */
    List<byte[]> round(LinkSession s) {
        GoSet set = s.goset.set();
        GoSetNegotiation.learnMiddleKeys(set, s.pendingClaims, key -> learn(s, key));
        List<byte[]> packets = GoSetNegotiation.round(set, s.pendingClaims, config.gosetAsksPerRound(),
                s.gosetHelpPackets(), s.claimBudget(), s.stream);
        s.claimsSent(packets);
        return packets;
    }
}
