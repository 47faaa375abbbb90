package org.tinyssb.core.internal.node;

import org.tinyssb.api.FeedId;

/**
 * A {@link org.tinyssb.api.FeedListener} of this bundle that needs only to know which feed has
 * complete contents, not the contents themselves (the app dispatcher reads each app's entries
 * itself): the node does not read contents back from the store for it.
 */
public interface FeedNews {
    /** Entry {@code seq} of {@code feed} is complete (its side chain, if any, arrived). */
    void contentComplete(FeedId feed, long seq);
}
