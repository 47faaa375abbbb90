package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.FeedPages;

/**
 * The asking side of feed pages ({@link FeedPages}, {@link FeedDirectory}): on each stream link this
 * node walks the peer's pages from its newest change back to its oldest, and every round asks what
 * changed since, so it learns every feed the peer holds, feeds with news first. Each feed the peer
 * holds more of waits in the link's queue (news before the walk) until it is fetched by id.
 *
 * <p>Bounded whatever the peer lists: a link queues at most {@value #MAX_QUEUED} feeds; the walk
 * asks for more pages only while there is room for them in the queue and among the announced
 * feeds kept in memory ({@link GoSetExchange#MAX_ANNOUNCED}); pages nobody asked for are dropped;
 * a feed asked for {@value #GIVE_UP_ASKS} times over {@value #GIVE_UP_MILLIS} ms without anything
 * arriving is given up (and the walk done once more later, so nothing is lost for good). A peer
 * that never answers (the reference pub) is asked less and less often.
 */
final class Listings {
    /** Feeds one link's queue holds at most. */
    static final int MAX_QUEUED = 4_096;
    /** Pages of news asked for each round. */
    static final int NEWS_PAGES = 4;
    /** Asks without progress, and the time they spanned, after which a listed feed is given up. */
    static final int GIVE_UP_ASKS = 8;
    static final long GIVE_UP_MILLIS = 30_000;
    /** How long after a walk that gave feeds up the walk starts over. */
    static final long REWALK_MILLIS = 10 * 60_000;
    /**
     * How long a request may go unanswered before it counts as lost (a congested peer drops it):
     * four round trips of the link, within these bounds.
     */
    static final long MIN_REQUEST_TIMEOUT_MILLIS = 1_000;
    static final long MAX_REQUEST_TIMEOUT_MILLIS = 8_000;
    /** Longest pause between requests to a peer that never answers. */
    static final long MAX_SILENT_PAUSE_MILLIS = 5 * 60_000;

    /** What one link's peer listed, and where the walk through its pages stands. */
    static final class Walk {
        long epoch;
        long newer;
        long older;
        boolean walked;
        boolean gaveUp;
        long rewalkAt;
        final int[] expected = new int[2];
        final long[] askedAt = new long[2];
        int unanswered;
        long nextRequestAt;
        /** Whether the peer ever answered: it speaks feed pages. */
        boolean speaks;
        final LinkedHashMap<FeedId, Listed> news = new LinkedHashMap<>();
        final LinkedHashMap<FeedId, Listed> walk = new LinkedHashMap<>();

        int queued() {
            return news.size() + walk.size();
        }
    }

    /** A feed the peer holds {@code height} entries of. */
    static final class Listed {
        long height;
        int asks;
        long heightAsked = -1;
        long firstAskAt;

        Listed(long height) {
            this.height = height;
        }
    }

    private final Scheduler scheduler;
    private final FeedTable feeds;
    private final GoSetExchange gosetExchange;
    private final EngineMetrics metrics;
    private final VectorRounds rounds;

    Listings(Scheduler scheduler, FeedTable feeds, GoSetExchange gosetExchange, EngineMetrics metrics,
            VectorRounds rounds) {
        this.scheduler = scheduler;
        this.feeds = feeds;
        this.gosetExchange = gosetExchange;
        this.metrics = metrics;
        this.rounds = rounds;
    }

    // ------------------------------------------------------------------ requests

    /** The feed page requests of this round on {@code s}. */
    List<byte[]> requests(LinkSession s) {
        Walk w = s.walk;
        long now = scheduler.nowMillis();
        List<byte[]> out = new ArrayList<>(2);
        long timeout = Math.max(MIN_REQUEST_TIMEOUT_MILLIS, Math.min(MAX_REQUEST_TIMEOUT_MILLIS, 4 * s.rttMillis()));
        for (FeedPages.Order o : FeedPages.Order.values()) {
            if (w.expected[o.ordinal()] > 0 && now - w.askedAt[o.ordinal()] >= timeout) {
                w.expected[o.ordinal()] = 0; // lost (or dropped by a congested peer): asked again
                w.unanswered++;
            }
        }
        if (w.epoch == 0) {
            if (w.expected[0] == 0 && now >= w.nextRequestAt) {
                out.add(request(w, FeedPages.Order.NEWER, 0, 1, now));
                // a peer that does not answer (not of this kind) is asked less and less often
                w.nextRequestAt = now + Math.min(MAX_SILENT_PAUSE_MILLIS, 1_000L << Math.min(w.unanswered, 20));
            }
            return out;
        }
        if (w.walked && w.gaveUp && now >= w.rewalkAt) {
            w.walked = false; // feeds were given up: walk once more, from the newest change
            w.gaveUp = false;
            w.older = w.newer + 1;
        }
        if (w.expected[FeedPages.Order.NEWER.ordinal()] == 0 && w.queued() < MAX_QUEUED) {
            out.add(request(w, FeedPages.Order.NEWER, w.newer, NEWS_PAGES, now));
        }
        int pages = Math.min(FeedPages.MAX_PAGES, room(w) / FeedPages.MAX_ROWS);
        if (!w.walked && w.expected[FeedPages.Order.OLDER.ordinal()] == 0 && pages > 0 && w.older > 1) {
            out.add(request(w, FeedPages.Order.OLDER, w.older, pages, now));
        } else if (!w.walked && w.older <= 1) {
            w.walked = true;
        }
        return out;
    }

    /** Rows there is room for: in the link's queue and among the announced feeds kept in memory. */
    private int room(Walk w) {
        int announced = GoSetExchange.MAX_ANNOUNCED * 3 / 4 - gosetExchange.announcedCount();
        return Math.max(0, Math.min(MAX_QUEUED - w.queued(), announced));
    }

    private static byte[] request(Walk w, FeedPages.Order order, long cursor, int pages, long now) {
        w.expected[order.ordinal()] = pages;
        w.askedAt[order.ordinal()] = now;
        return new FeedPages.Request(w.epoch, order, Math.min(cursor, 0xFFFF_FFFFL), pages).encode();
    }

    // ------------------------------------------------------------------ answers

    /** A page or an epoch from {@code s}'s peer. */
    void heard(LinkSession s, FeedPages.Answer answer) {
        Walk w = s.walk;
        w.speaks = true;
        w.unanswered = 0;
        if (answer instanceof FeedPages.Epoch e) {
            if (e.epoch() != w.epoch) { // the peer's first answer, or it started anew: walk from its newest change
                w.epoch = e.epoch();
                w.newer = e.top();
                w.older = e.top() + 1;
                w.walked = false;
                w.gaveUp = false;
                w.expected[0] = 0;
                w.expected[1] = 0;
            }
            return;
        }
        FeedPages.Page page = (FeedPages.Page) answer;
        int o = page.order().ordinal();
        if (w.expected[o] == 0) {
            metrics.drop("unasked-feed-page");
            return;
        }
        w.expected[o] = page.last() ? 0 : w.expected[o] - 1;
        boolean news = page.order() == FeedPages.Order.NEWER;
        if (!page.rows().isEmpty()) {
            if (news) {
                w.newer = Math.max(w.newer, page.cursor());
            } else {
                w.older = Math.min(w.older, page.cursor());
            }
        }
        if (!news && page.end()) {
            w.walked = true;
            w.rewalkAt = scheduler.nowMillis() + REWALK_MILLIS;
        }
        for (FeedPages.Row row : page.rows()) {
            take(s, row, news ? w.news : w.walk);
        }
    }

    /** A feed the peer listed: queued if it holds more of it than this node and this node would replicate it. */
    private void take(LinkSession s, FeedPages.Row row, Map<FeedId, Listed> queue) {
        FeedId id = row.feed();
        FeedReplica f = feeds.get(id);
        if (f == null && !feeds.isUnfollowed(id)) {
            gosetExchange.replicate(id); // in memory until its first entry arrives, if the policy admits it
            f = feeds.get(id);
        }
        if (f == null || !f.replicable()) {
            metrics.drop("listed-not-replicated");
            return;
        }
        if (row.height() <= f.height()) {
            return;
        }
        rounds.peerHas(id, row.height());
        if (s.walk.queued() >= MAX_QUEUED && !s.walk.news.containsKey(id) && !s.walk.walk.containsKey(id)) {
            metrics.drop("listing-queue-full");
            return;
        }
        Listed l = s.walk.news.get(id);
        if (l == null) {
            l = s.walk.walk.get(id);
        }
        if (l == null) {
            queue.put(id, new Listed(row.height()));
        } else {
            l.height = Math.max(l.height, row.height());
        }
    }

    // ------------------------------------------------------------------ what is asked for

    /**
     * Up to {@code max} feeds to ask {@code s}'s peer for by id, news first: those it listed with
     * more entries than this node holds. Feeds caught up leave the queue; feeds that gave nothing
     * for long are given up.
     */
    List<FeedReplica> asked(LinkSession s, int max) {
        List<FeedReplica> out = new ArrayList<>(max);
        long now = scheduler.nowMillis();
        for (Map<FeedId, Listed> queue : List.of(s.walk.news, s.walk.walk)) {
            for (Iterator<Map.Entry<FeedId, Listed>> it = queue.entrySet().iterator(); it.hasNext() && out.size() < max; ) {
                Map.Entry<FeedId, Listed> e = it.next();
                FeedReplica f = feeds.get(e.getKey());
                Listed l = e.getValue();
                if (f == null || !f.replicable() || f.height() >= l.height) {
                    it.remove(); // caught up, or no longer replicated (unfollowed, forgotten)
                    if (f == null) {
                        s.walk.gaveUp = true;
                    }
                    continue;
                }
                if (f.height() > l.heightAsked) {
                    l.asks = 0; // it moved since it was last asked for
                    l.firstAskAt = now;
                }
                if (l.asks >= GIVE_UP_ASKS && now - l.firstAskAt >= GIVE_UP_MILLIS) {
                    it.remove();
                    s.walk.gaveUp = true;
                    metrics.drop("listed-feed-gave-nothing");
                    if (f.height() == 0) {
                        gosetExchange.forget(f.id);
                    }
                    continue;
                }
                l.asks++;
                l.heightAsked = f.height();
                out.add(f);
            }
        }
        return out;
    }
}
