package org.tinyssb.api;

import java.util.List;

/**
 * How replication stands: per feed what this node holds against what peers were heard to hold, and
 * in all, with the recent rate (since 2.6).
 *
 * @param feeds            the feeds with something still to come (entries peers hold, side chains incomplete)
 * @param entriesToFetch   entries peers were heard to hold that this node does not yet
 * @param incompleteChains side chains still waiting for chunks
 * @param itemsPerSecond   entries and chunks stored per second over the last progress interval (10 s)
 */
public record SyncStatus(List<FeedSync> feeds, long entriesToFetch, int incompleteChains, double itemsPerSecond) {
    public SyncStatus {
        feeds = List.copyOf(feeds);
    }

    /**
     * One feed's replication.
     *
     * @param feed             the feed
     * @param held             entries this node holds
     * @param knownAtPeers     the highest entry a peer was heard to hold (at least {@code held})
     * @param incompleteChains its side chains still waiting for chunks
     */
    public record FeedSync(FeedId feed, long held, long knownAtPeers, int incompleteChains) {
        /** Entries still to fetch. */
        public long toFetch() {
            return Math.max(0, knownAtPeers - held);
        }
    }

    /** Seconds to go at the recent rate for the entries still to fetch, or -1 when nothing is arriving. */
    public long secondsToGo() {
        return itemsPerSecond <= 0 || entriesToFetch == 0 ? -1 : Math.round(entriesToFetch / itemsPerSecond);
    }

    /** A duration as people read it, for the time to go: 40 s, 3 min, 2.5 h. */
    public static String readable(long seconds) {
        if (seconds < 90) {
            return seconds + " s";
        }
        if (seconds < 90 * 60) {
            return Math.round(seconds / 60.0) + " min";
        }
        return String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3600.0);
    }
}
