package org.tinyssb.core.internal.engine;

import org.tinyssb.api.FeedId;

/** What the engine reports to the node service (which tells the applications). Called on the engine thread. */
public interface EngineEvents {
    /** Entry {@code seq} of {@code feed} was verified and stored. */
    void entryStored(FeedId feed, long seq);

    /** Every byte of entry {@code seq}'s content is stored. */
    void contentComplete(FeedId feed, long seq);

    /** Events for nobody. */
    EngineEvents NONE = new EngineEvents() {
        @Override
        public void entryStored(FeedId feed, long seq) {
        }

        @Override
        public void contentComplete(FeedId feed, long seq) {
        }
    };
}
