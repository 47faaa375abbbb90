package org.tinyssb.api;

import java.util.Objects;

/**
 * What a node holds of one feed.
 *
 * @param feed              the feed id
 * @param height            highest sequence number held (0 for a feed with no entries yet)
 * @param gosetIndex        position in the node's GOset (sorted set of feed ids), or -1 if the feed
 *                          is held but not announced (for example beyond the GOset cap)
 * @param local             whether this node holds the feed's signing key (it can publish to it)
 * @param replicated        whether the node replicates it (false after {@link NodeService#unfollow})
 * @param followed          whether the operator follows it ({@link NodeService#follow}): kept
 *                          whatever admission and content quotas say
 * @param published         for a local feed, how many entries this node has signed in it (0 otherwise);
 *                          more than {@code height} when the store lost entries that peers still hold
 * @param incompleteChains  entries whose side chain is still missing chunks that can arrive
 * @param unavailableChains entries whose side chain can never complete (its author ended the chain
 *                          early): their content is partly unavailable
 * @param damagedEntries    entries the store found corrupt and fetches again from peers
 */
public record FeedInfo(FeedId feed, long height, int gosetIndex, boolean local, boolean replicated,
        boolean followed, long published, int incompleteChains, int unavailableChains, int damagedEntries) {
    public FeedInfo {
        Objects.requireNonNull(feed, "feed");
        if (height < 0 || published < 0) {
            throw new IllegalArgumentException("height " + height + ", published " + published);
        }
    }

    /**
     * Whether this local feed is ahead of what the store holds: the node does not append to it
     * (that would fork it) until peers have sent entries {@code height + 1 .. published} back.
     */
    public boolean waitingForOwnEntries() {
        return local && published > height;
    }
}
