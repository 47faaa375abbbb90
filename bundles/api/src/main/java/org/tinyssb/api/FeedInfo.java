package org.tinyssb.api;

import java.util.Objects;

/**
 * What a node holds of one feed.
 *
 * @param feed             the feed id
 * @param height           highest sequence number held (0 for a followed feed with no entries yet)
 * @param gosetIndex       position in the node's GOset (sorted set of feed ids), or -1 if the feed
 *                         is held but not announced (for example beyond the GOset cap)
 * @param local            whether this node holds the feed's signing key (it can publish to it)
 * @param followed         whether the node replicates it (false after {@link NodeService#unfollow})
 * @param incompleteChains number of entries whose side chain is still missing chunks
 */
public record FeedInfo(FeedId feed, long height, int gosetIndex, boolean local, boolean followed,
        int incompleteChains) {
    public FeedInfo {
        Objects.requireNonNull(feed, "feed");
        if (height < 0) {
            throw new IllegalArgumentException("height " + height);
        }
    }
}
