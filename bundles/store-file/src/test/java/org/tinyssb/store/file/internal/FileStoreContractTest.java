package org.tinyssb.store.file.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.testkit.FeedStoreContract;

/** The store contract, in each durability setting. */
class FileStoreContractTest {
    @TempDir
    Path dir;
    private final List<FileFeedStore> opened = new ArrayList<>();

    @AfterEach
    void closeStores() {
        opened.forEach(FileFeedStore::close);
    }

    private FeedStore store(SyncMode mode) throws Exception {
        FileFeedStore s = new FileFeedStore(dir.resolve(mode.name() + opened.size()), mode, 50, Clock.systemUTC());
        opened.add(s);
        return s;
    }

    @Nested
    class Always extends FeedStoreContract {
        @Override
        protected FeedStore newStore() throws Exception {
            return store(SyncMode.ALWAYS);
        }
    }

    @Nested
    class Batch extends FeedStoreContract {
        @Override
        protected FeedStore newStore() throws Exception {
            return store(SyncMode.BATCH);
        }
    }

    @Nested
    class Never extends FeedStoreContract {
        @Override
        protected FeedStore newStore() throws Exception {
            return store(SyncMode.NEVER);
        }
    }
}
