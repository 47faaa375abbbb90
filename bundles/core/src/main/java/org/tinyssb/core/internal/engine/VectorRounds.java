package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.SyncStatus;
import org.tinyssb.codec.ChunkVector;
import org.tinyssb.codec.WantVector;

/**
 * The asking side of replication: each link's vector rounds (WANT and CHNK vectors by GOset index,
 * vectors by id on stream links), their pace (adaptive round trips on streams, Trickle on radios),
 * and what peers were heard to hold (feeds with news, peers' heights), which decides what is asked
 * for first and how far the sync has to go. The answering side is {@link VectorAnswers}.
 */
final class VectorRounds {
    private static final int NEWS_VECTORS = 2;
    private static final int NEWS_KEPT = 32;
    private static final long NEWS_MILLIS = 60_000;

    private final EngineConfig config;
    private final Scheduler scheduler;
    private final FeedTable feeds;
    private final GoSetExchange gosetExchange;
    private final ContentQuota quota;
    private final Listings listings;
    /** Feeds a peer was seen ahead on, newest last, with when (bounded: a peer cannot grow it). */
    private final LinkedHashMap<FeedId, Long> news = new LinkedHashMap<>();
    /** How many entries peers were heard to hold of feeds this node is behind on (the sync's way to go). */
    private final Map<FeedId, Long> peerHeights = new java.util.HashMap<>();

    /** Feeds a peer listed that are asked for by id each round (4 WANT-by-id packets). */
    static final int LISTED_PER_ROUND = 4 * org.tinyssb.codec.IdVectors.MAX_WANTS;
    /** Followed feeds asked for by id each round while the GOsets do not agree (2 packets). */
    static final int FOLLOWED_PER_ROUND = 2 * org.tinyssb.codec.IdVectors.MAX_WANTS;
    /**
     * Feeds whose side chains are asked for by id each round, and the CHNK-by-id packets at most:
     * as many chains as feeds' entries are asked for, or a pull of feeds with side chains leaves
     * their chains behind.
     */
    static final int CHAINED_PER_ROUND = LISTED_PER_ROUND;
    static final int CHUNK_PACKETS = (CHAINED_PER_ROUND + org.tinyssb.codec.IdVectors.MAX_CHUNK_REQUESTS - 1)
            / org.tinyssb.codec.IdVectors.MAX_CHUNK_REQUESTS;

    VectorRounds(EngineConfig config, Scheduler scheduler, FeedTable feeds, GoSetExchange gosetExchange,
            ContentQuota quota, EngineMetrics metrics) {
        this.config = config;
        this.scheduler = scheduler;
        this.feeds = feeds;
        this.gosetExchange = gosetExchange;
        this.quota = quota;
        this.listings = new Listings(scheduler, feeds, gosetExchange, metrics, this);
    }

    Listings listings() {
        return listings;
    }

    // ------------------------------------------------------------------ rounds

    /**
     * A vector round on a paced link with back-off: the WANT is left out when a neighbour just
     * asked for the same, but not twice in a row while neighbours hold entries this node lacks
     * ({@link Trickle#limitSuppression}); a CHNK vector goes whenever chunks are missing.
     */
    void pacedRound(LinkSession s, boolean suppressed) {
        s.vectorRounds++;
        GoSetView view = s.view;
        if (view.size() == 0) {
            return;
        }
        VectorExchange.Asking asking = askingOneNeighbour(s, view);
        WantVector want = rotatingWant(s, view, asking == null ? null : asking.nextWanted());
        if (asking != null && want.nextSeqs().size() >= view.size()) {
            // it named every feed: it starts at one of the asked neighbour's feeds instead, in turns
            // (peers answer a vector's first rows first)
            int first = asking.rows().get(Math.floorMod(s.askFirstTurn++, asking.rows().size()));
            want = VectorExchange.want(view, asking.nextWanted(), first, config.vectorBudgetBytes());
        }
        if (!suppressed) {
            s.send(want.encode(view.wantDmx()), LinkSession.Sent.WANT);
            // the next rounds come no sooner than this link's answers take (a hub busy answering
            // its other leaves answers late: asking it more often would only add collisions)
            s.vectorTrickle.minimum(s.pacedVectorSent(scheduler.nowMillis()));
        }
        sendChunkVector(s, view);
    }

    /** A vector round on a link with fixed rounds (streams, and radios without back-off). */
    void round(LinkSession s) {
        long wait = s.answersStillArriving(scheduler.nowMillis());
        if (wait > 0) {
            schedule(s, wait);
            return;
        }
        s.vectorRounds++;
        long delay = s.vectorRoundStarted(scheduler.nowMillis());
        GoSetView view = s.view;
        if (view.size() > 0) {
            int offset = s.wantOffset % view.size();
            WantVector want = rotatingWant(s, view, null);
            s.send(want.encode(view.wantDmx()), LinkSession.Sent.WANT);
            if (s.stream) {
                newsFirst(s, view, offset, want.nextSeqs().size());
            }
            sendChunkVector(s, view);
        }
        if (s.stream) { // radios: each frame costs airtime, and their peers (ESP32 boards) do not speak it
            byIdRound(s, view);
        }
        schedule(s, delay);
    }

    private void schedule(LinkSession s, long delay) {
        s.nextVectorAt = scheduler.nowMillis() + delay;
        s.vectorTimer = scheduler.schedule(delay, () -> {
            if (s.attached) {
                round(s);
            }
        });
    }

    /** The next vector round on {@code s} within {@code delay} at the latest, without back-off. */
    void pullIn(LinkSession s, long delay) {
        if (s.vectorTrickle != null) {
            s.vectorTrickle.inconsistent();
            return;
        }
        s.resetBackOff();
        soon(s, delay);
    }

    /** The next round on a link with fixed rounds within {@code delay}, keeping its back-off. */
    void soon(LinkSession s, long delay) {
        if (s.vectorTimer != null && s.nextVectorAt > scheduler.nowMillis() + delay) {
            s.vectorTimer.cancel();
            schedule(s, delay);
        }
    }

    /**
     * Whether a neighbour heard on {@code s} within {@link NeighboursAhead}'s memory holds entries
     * of a feed this node still asks for (at most 16 x 64 feeds to look at).
     */
    boolean behindANeighbourOn(LinkSession s) {
        for (Set<FeedId> ahead : s.neighboursAhead.sets(scheduler.nowMillis())) {
            for (FeedId id : ahead) {
                FeedReplica f = feeds.get(id);
                if (f != null && f.replicable() && peerHeights.getOrDefault(id, 0L) > f.height()
                        && wantedNext(id) != VectorExchange.NOTHING_WANTED) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The WANT vector of this round on {@code s}, from its rotating offset, which it moves on: a
     * vector that did not name every feed is followed by one going on where it ended (all feeds in
     * ceil(n / k) rounds); one that did, by one starting a feed further, since peers answer a
     * vector's first feeds first and every feed must get to be first. It asks for {@code asked}
     * (null: {@link #wantedNext}).
     */
    private WantVector rotatingWant(LinkSession s, GoSetView view, ToLongFunction<FeedId> asked) {
        int offset = s.wantOffset % view.size();
        WantVector want = VectorExchange.want(view, asked == null ? this::wantedNext : asked, offset,
                config.vectorBudgetBytes());
        int covered = want.nextSeqs().size();
        s.wantOffset = (offset + (covered < view.size() ? covered : 1)) % view.size();
        return want;
    }

    /**
     * What this round's WANT asks for when it asks one of the (one or two) neighbours ahead of this
     * node only ({@link VectorExchange#askingOne}), or null to ask everyone around.
     */
    private VectorExchange.Asking askingOneNeighbour(LinkSession s, GoSetView view) {
        List<Set<FeedId>> ahead = s.neighboursAhead.sets(scheduler.nowMillis());
        if (ahead.isEmpty()) {
            return null;
        }
        entriesToFetch(); // forgets the feeds caught up on
        VectorExchange.Asking asked = VectorExchange.askingOne(view, this::wantedNext, ahead,
                peerHeights::containsKey, s.askTurn);
        if (asked != null) {
            s.askTurn++;
        }
        return asked;
    }

    /** The CHNK vector for missing chunks, from where the WANT rotation stands, if any are missing. */
    private void sendChunkVector(LinkSession s, GoSetView view) {
        ChunkVector chunks = VectorExchange.chunks(view, feeds::get, this::chainsWanted, s.wantOffset,
                config.vectorBudgetBytes());
        if (!chunks.requests().isEmpty()) {
            s.send(chunks.encode(view.chunkDmx()), LinkSession.Sent.CHNK);
        }
    }

    /**
     * The extension's part of a round on a stream link: feed page requests (what the peer holds),
     * WANT-by-id for the feeds it listed with more entries than this node (news first) and for
     * followed feeds while the GOsets do not agree, CHNK-by-id for side chains still to complete
     * (taking turns over every feed with one). Independent of GOset 1: feeds beyond any GOset, and
     * followed feeds in a GOset full of spam, replicate with peers of this kind.
     */
    private void byIdRound(LinkSession s, GoSetView view) {
        for (byte[] p : listings.requests(s)) {
            s.send(p, LinkSession.Sent.FEEDS);
        }
        List<FeedReplica> asked = followedById(s, view);
        asked.addAll(listings.asked(s, LISTED_PER_ROUND));
        for (byte[] p : IdExchange.wants(asked, f -> wantedNext(f.id))) {
            s.send(p, LinkSession.Sent.BY_ID);
        }
        List<FeedReplica> chained = new ArrayList<>();
        for (FeedReplica f : feeds.chainsInTurn(CHAINED_PER_ROUND)) {
            if (chainsWanted(f)) {
                chained.add(f);
            }
        }
        for (byte[] p : IdExchange.chunkRequests(chained, CHUNK_PACKETS)) {
            s.send(p, LinkSession.Sent.BY_ID);
        }
    }

    /**
     * Followed feeds asked for by id, taking turns: those outside the link's GOset, and, while the
     * two sides do not agree on it (a GOset full of spam on one side, a node that just joined),
     * all of them. Never this node's own.
     */
    private List<FeedReplica> followedById(LinkSession s, GoSetView view) {
        boolean agreed = s.gosetAgreed(scheduler.nowMillis(), 2 * config.rttMaxMillis());
        List<FeedReplica> candidates = new ArrayList<>();
        for (FeedId id : new TreeSet<>(feeds.followed())) {
            FeedReplica f = feeds.get(id);
            if (f != null && f.replicable() && !feeds.isLocal(id) && (!agreed || view.indexOf(id) < 0)) {
                candidates.add(f);
            }
        }
        List<FeedReplica> out = new ArrayList<>(FOLLOWED_PER_ROUND);
        int start = s.byIdTurn++ * FOLLOWED_PER_ROUND;
        for (int k = 0; k < candidates.size() && k < FOLLOWED_PER_ROUND; k++) {
            out.add(candidates.get(Math.floorMod(start + k, candidates.size())));
        }
        return out;
    }

    /**
     * Feeds with news (a peer was seen ahead on them) and feeds the operator follows are asked for
     * every round, by a vector of their own starting at them, whatever part of the GOset the
     * rotating vector covers: a new entry of a followed feed crosses a GOset of 255 in a round or
     * two, not in the rounds the rotation takes. At most {@value #NEWS_VECTORS} such vectors a
     * round, taking turns.
     */
    private void newsFirst(LinkSession s, GoSetView view, int offset, int covered) {
        int n = view.size();
        List<Integer> hot = new ArrayList<>();
        for (FeedId id : news.keySet()) {
            hot.add(view.indexOf(id));
        }
        for (FeedId id : feeds.followed()) {
            hot.add(view.indexOf(id));
        }
        hot.removeIf(i -> i < 0 || Math.floorMod(i - offset, n) < covered); // asked for already
        if (hot.isEmpty()) {
            return;
        }
        int sent = 0;
        int start = s.newsTurn++;
        Set<Integer> done = new HashSet<>();
        for (int k = 0; k < hot.size() && sent < NEWS_VECTORS; k++) {
            int index = hot.get(Math.floorMod(start + k, hot.size()));
            if (!done.add(index)) {
                continue;
            }
            WantVector w = VectorExchange.want(view, this::wantedNext, index, config.vectorBudgetBytes());
            s.send(w.encode(view.wantDmx()), LinkSession.Sent.WANT);
            for (int i = 0; i < w.nextSeqs().size(); i++) {
                done.add((index + i) % n);
            }
            sent++;
        }
    }

    // ------------------------------------------------------------------ what is asked for

    /**
     * The entry asked for of {@code id}: a damaged one first, then the next; nothing of a feed
     * not replicated, or of one whose side chains are at their bound (until some complete).
     */
    long wantedNext(FeedId id) {
        FeedReplica f = feeds.get(id);
        if (f == null || !f.replicable()) {
            return VectorExchange.NOTHING_WANTED;
        }
        if (!f.damaged().isEmpty()) {
            return f.damaged().firstKey();
        }
        if (f.pending().size() >= config.maxPendingChains() && !feeds.isLocal(id)) {
            return VectorExchange.NOTHING_WANTED;
        }
        return f.height() + 1;
    }

    /** Whether chunks of {@code f}'s side chains are asked for: always, unless a stranger's and the quota is used up. */
    private boolean chainsWanted(FeedReplica f) {
        return feeds.isOwnOrFollowed(f.id) || !quota.full();
    }

    // ------------------------------------------------------------------ what peers hold

    /**
     * A peer's WANT under {@code view}, heard on {@code s}: on a radio with back-off one that asks for
     * what this node would ask counts as its own; the feeds the peer is ahead on are news, and the
     * next round comes soon.
     */
    void heardWant(LinkSession s, GoSetView view, WantVector want) {
        if (s.vectorTrickle != null && view == s.view && VectorExchange.agrees(want, view, this::wantedNext)) {
            s.vectorTrickle.heardConsistent();
        }
        Map<FeedId, Long> ahead = VectorExchange.feedsPeerIsAheadOn(want, view, feeds::get);
        if (s.vectorTrickle != null && config.overhearing()) {
            s.neighboursAhead.heard(ahead.keySet(), scheduler.nowMillis());
        }
        ahead.forEach((feed, height) -> {
            heardNews(feed);
            peerHas(feed, height);
        });
        if (!ahead.isEmpty()) {
            pullIn(s, config.rttMinMillis());
        }
    }

    /**
     * A peer holds {@code height} entries of {@code feed} (its vector asks for the next): how far
     * the sync has to go. Kept for feeds this node replicates only, so the map stays within them.
     */
    void peerHas(FeedId feed, long height) {
        FeedReplica f = feeds.get(feed);
        if (f != null && f.replicable() && height > f.height()) {
            peerHeights.merge(feed, height, Math::max);
        }
    }

    private void heardNews(FeedId feed) {
        long now = scheduler.nowMillis();
        news.remove(feed);
        news.put(feed, now);
        news.values().removeIf(at -> now - at > NEWS_MILLIS);
        while (news.size() > NEWS_KEPT) {
            news.remove(news.keySet().iterator().next());
        }
    }

    /** Entries peers were heard to hold that this node does not yet (as far as their vectors told). */
    long entriesToFetch() {
        long n = 0;
        for (Iterator<Map.Entry<FeedId, Long>> it = peerHeights.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<FeedId, Long> e = it.next();
            FeedReplica f = feeds.get(e.getKey());
            long behind = f == null || !f.replicable() ? 0 : e.getValue() - f.height();
            if (behind <= 0) {
                it.remove(); // caught up (or no longer replicated)
            } else {
                n += behind;
            }
        }
        return n;
    }

    /**
     * The feeds with something still to come: entries peers were heard to hold beyond this node's,
     * or side chains waiting for chunks.
     */
    List<SyncStatus.FeedSync> feedsToSync() {
        entriesToFetch(); // drops the feeds caught up
        List<SyncStatus.FeedSync> out = new ArrayList<>();
        for (FeedReplica f : feeds.replicas()) {
            if (!f.replicable()) {
                continue;
            }
            long known = Math.max(f.height(), peerHeights.getOrDefault(f.id, 0L));
            int chains = f.pending().size();
            if (known > f.height() || chains > 0) {
                out.add(new SyncStatus.FeedSync(f.id, f.height(), known, chains));
            }
        }
        return out;
    }

    /** Side chains of replicated feeds still waiting for chunks. */
    int incompleteChains() {
        int n = 0;
        for (FeedReplica f : feeds.replicas()) {
            n += f.replicable() ? f.pending().size() : 0;
        }
        return n;
    }
}
