package org.tinyssb.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service for applications: register an implementation in the service registry and the
 * node calls it for every entry it stores (its own and replicated ones). Calls come from one
 * node thread in the order entries are stored; implementations return quickly and hand long work
 * to their own threads. An exception thrown here is logged and does not affect the node.
 */
@ConsumerType
public interface FeedListener {
    /**
     * An entry was verified and stored. Its content may still be incomplete (side chain chunks
     * pending); {@link #contentComplete} follows when the last chunk arrives.
     */
    default void entryStored(FeedId feed, long seq) {
    }

    /** Every byte of an entry's content is now held (called at once for short contents). */
    default void contentComplete(EntryContent content) {
    }
}
