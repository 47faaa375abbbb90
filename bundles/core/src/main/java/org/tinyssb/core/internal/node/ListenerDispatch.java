package org.tinyssb.core.internal.node;

import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedListener;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.core.internal.engine.EngineEvents;

/**
 * Tells the applications' {@link FeedListener}s about stored entries, on a thread of its own (in
 * the order entries are stored), so a slow application never holds up replication.
 */
final class ListenerDispatch implements EngineEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatch.class);
    private final CopyOnWriteArrayList<FeedListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tinyssb-listeners");
        t.setDaemon(true);
        return t;
    });
    private final Supplier<FeedStore> store;

    /** @param store the store contents are read from (the node's current one) */
    ListenerDispatch(Supplier<FeedStore> store) {
        this.store = store;
    }

    void add(FeedListener l) {
        listeners.add(l);
    }

    void remove(FeedListener l) {
        listeners.remove(l);
    }

    @Override
    public void entryStored(FeedId feed, long seq) {
        if (listeners.isEmpty()) {
            return;
        }
        thread.execute(() -> {
            for (FeedListener l : listeners) {
                try {
                    l.entryStored(feed, seq);
                } catch (RuntimeException e) {
                    LOG.warn("feed listener {} failed on {}#{}", l, feed.shortId(), seq, e);
                }
            }
        });
    }

    @Override
    public void contentComplete(FeedId feed, long seq) {
        if (listeners.isEmpty()) {
            return;
        }
        thread.execute(() -> {
            Optional<EntryContent> content = null; // read once, and only for a listener that takes it
            for (FeedListener l : listeners) {
                try {
                    FeedNews news = l instanceof LazyFeedListener lazy ? lazy.news() : null;
                    if (news != null) {
                        news.contentComplete(feed, seq);
                        continue;
                    }
                    if (content == null) {
                        content = ContentReader.read(store.get(), feed, seq);
                    }
                    if (content.isPresent()) { // (else unfollowed meanwhile)
                        l.contentComplete(content.get());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("feed listener {} failed on {}#{}", l, feed.shortId(), seq, e);
                }
            }
        });
    }

    void shutdown() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }
}
