package org.tinyssb.store.memory.internal;

import org.tinyssb.api.store.FeedStore;
import org.tinyssb.testkit.FeedStoreContract;

class MemoryFeedStoreTest extends FeedStoreContract {
    @Override
    protected FeedStore newStore() {
        return new MemoryFeedStore();
    }
}
