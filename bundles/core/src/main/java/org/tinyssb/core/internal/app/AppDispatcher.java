package org.tinyssb.core.internal.app;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.AppListener;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedInfo;
import org.tinyssb.api.FeedListener;
import org.tinyssb.api.NodeService;

/**
 * The {@link AppListener} whiteboard: each app gets a thread of its own that first hands it every
 * complete entry the node holds (feed by feed, from the start), then, told by the node's
 * {@link FeedListener} calls which feeds have news, what is new in them. Apps come and go at any
 * time; a slow or failing app delays only itself.
 */
@Component(service = FeedListener.class, immediate = true)
public final class AppDispatcher implements FeedListener, org.tinyssb.core.internal.node.FeedNews {
    private static final Logger LOG = LoggerFactory.getLogger(AppDispatcher.class);
    private static final long FAILURE_LINE_MILLIS = 60_000;
    private static final long STOP_MILLIS = 5_000;

    private final NodeService node;
    private final Map<AppListener, Runner> apps = new ConcurrentHashMap<>();

    @org.osgi.service.component.annotations.Activate
    public AppDispatcher(@Reference NodeService node) {
        this.node = node;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addApp(AppListener app, Map<String, Object> properties) {
        Runner r = new Runner(app, tags(properties.get(AppListener.TAGS_PROPERTY)));
        apps.put(app, r);
        r.start();
    }

    void removeApp(AppListener app) {
        Runner r = apps.remove(app);
        if (r != null) {
            r.stop();
        }
    }

    @Deactivate
    void deactivate() {
        apps.values().forEach(Runner::stop);
        apps.clear();
    }

    @Override
    public void contentComplete(EntryContent content) {
        contentComplete(content.feed(), content.seq());
    }

    /** What the node tells this bundle's dispatcher, without reading the content back from the store. */
    @Override
    public void contentComplete(FeedId feed, long seq) {
        for (Runner r : apps.values()) {
            r.news(feed);
        }
    }

    static Set<String> tags(Object property) {
        Set<String> tags = new HashSet<>();
        if (property instanceof String s) {
            tags.add(s);
        } else if (property instanceof String[] a) {
            tags.addAll(List.of(a));
        } else if (property instanceof java.util.Collection<?> c) {
            c.forEach(o -> tags.add(String.valueOf(o)));
        }
        return tags;
    }

    /** One app: its thread, its cursors, the feeds with news for it. */
    private final class Runner {
        private final AppListener app;
        private final String name;
        private final AppDelivery delivery;
        private final ExecutorService thread;
        private final Set<FeedId> withNews = new LinkedHashSet<>();
        private boolean draining;
        /** Asked to stop: the loops end after the entry at hand (never interrupted, see {@link #stop}). */
        private volatile boolean stopping;
        private long lastFailureLine;
        private long failures;

        Runner(AppListener app, Set<String> tags) {
            this.app = app;
            this.name = app.getClass().getName();
            this.delivery = new AppDelivery(node::read, node::readStart, this::hand, tags);
            this.thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "tinyssb-app-" + app.getClass().getSimpleName());
                t.setDaemon(true);
                return t;
            });
        }

        void start() {
            thread.execute(() -> {
                long started = System.nanoTime();
                List<FeedInfo> feeds;
                try {
                    feeds = node.feeds();
                } catch (RuntimeException e) {
                    failed(e);
                    return;
                }
                for (FeedInfo f : feeds) {
                    if (stopping) {
                        return;
                    }
                    scan(f.feed(), f.height());
                }
                LOG.info("app {} caught up: {} entries of {} feeds handed over in {} ms", name, delivery.delivered(),
                        feeds.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                try {
                    app.caughtUp();
                } catch (RuntimeException e) {
                    failed(e);
                }
            });
        }

        void news(FeedId feed) {
            synchronized (withNews) {
                withNews.add(feed);
                if (draining) {
                    return;
                }
                draining = true;
            }
            try {
                thread.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the app left meanwhile
            }
        }

        private void drain() {
            try {
                while (true) {
                    FeedId feed;
                    synchronized (withNews) {
                        if (withNews.isEmpty() || stopping) {
                            draining = false;
                            return;
                        }
                        feed = withNews.iterator().next();
                        withNews.remove(feed);
                    }
                    try {
                        scan(feed, node.feed(feed).map(FeedInfo::height).orElse(0L));
                    } catch (RuntimeException e) { // the node busy or restarting: the next news tries again
                        failed(e);
                    }
                }
            } finally {
                synchronized (withNews) {
                    draining = false; // whatever ended the loop, the next news drains again
                }
            }
        }

        /** One feed's news; a stored entry that cannot be read is one (throttled) line, the rest goes on. */
        private void scan(FeedId feed, long height) {
            try {
                delivery.scan(feed, height);
            } catch (RuntimeException e) {
                failed(e);
            }
        }

        private void hand(EntryContent entry, Object content) {
            try {
                app.entry(entry, content);
            } catch (RuntimeException | LinkageError e) { // LinkageError: the app's bundle updated meanwhile
                failed(e);
            }
        }

        private void failed(Throwable e) {
            failures++;
            long now = System.currentTimeMillis();
            if (now - lastFailureLine >= FAILURE_LINE_MILLIS) {
                lastFailureLine = now;
                LOG.warn("app {} failed on an entry ({} time(s) so far): {}", name, failures, e.toString());
                LOG.debug("app failure", e);
            }
        }

        /**
         * Lets the app's thread finish the entry it is at, without interrupting it: an interrupted
         * read closes the store's file channel under every thread using it (it read as damage).
         */
        void stop() {
            stopping = true;
            thread.shutdown();
            try {
                if (!thread.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                    LOG.warn("app {} is still busy {} ms after it was asked to stop; it is left to finish", name,
                            STOP_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
