package org.tinyssb.store.file.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.store.DamageListener;

/**
 * What the logs of one store share, held once rather than by each of 100,000 logs: the root
 * folder (a feed's folder is derived from it and the feed id), the durability setting, the open
 * files, the write group and the logs written since the flusher last looked.
 *
 * @param unflushed logs whose frontier is behind (each queued once, by the write that made it so)
 * @param disk whether the disk is full, said once for all feeds
 */
record StoreContext(Path root, SyncMode sync, Clock clock, DamageListener damage, GroupCommit group,
        FeedHandles handles, Queue<FileFeedLog> unflushed, DiskSpace disk) {

    StoreContext(Path root, SyncMode sync, Clock clock, DamageListener damage, int maxOpenFeeds) {
        this(root, sync, clock, damage, new GroupCommit(), new FeedHandles(root, maxOpenFeeds),
                new ConcurrentLinkedQueue<>(), new DiskSpace(root));
    }

    /** The folder of {@code feed}. */
    Path dir(FeedId feed) {
        return root.resolve(feed.toHex());
    }
}
