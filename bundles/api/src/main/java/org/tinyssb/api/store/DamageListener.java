package org.tinyssb.api.store;

import org.osgi.annotation.versioning.ConsumerType;
import org.tinyssb.api.FeedId;

/**
 * Told by a store when a read found part of a feed corrupt and the store stopped serving it: an
 * entry (now in {@link FeedLog#damagedEntries()}) or a side-chain chunk (its chain is pending
 * again, in {@link FeedLog#pendingChains()}). The node then fetches the missing part from peers.
 * Called on whatever thread did the read; implementations hand the work to their own thread.
 */
@ConsumerType
@FunctionalInterface
public interface DamageListener {
    void damaged(FeedId feed);
}
