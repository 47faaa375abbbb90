package org.tinyssb.store.file.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.FeedId;

/**
 * The open files of a store's feeds, at most {@code maxOpen} feeds at a time (two channels each):
 * a feed's files are opened when a read or write needs them and closed, least recently used first,
 * when another feed needs room. A pub of 100,000 feeds then runs within a Raspberry Pi's 1,024
 * open files.
 *
 * <p>Files are lent out: {@link #acquire} counts a user, {@link #release} ends the use, and only
 * files without users are closed. A reference count rather than closing under the evicted log's
 * monitor: the thread that needs room holds its own log's monitor, and taking a second log's
 * monitor there could deadlock against a thread holding that one and waiting for room. This
 * cache's lock is the innermost lock of the store (nothing else is locked inside it), so
 * eviction may run under it: a victim has no user, nobody can be handed its files while they
 * close. Files holding writes not forced yet (an open write group, or sync=batch) are forced
 * before they close, so durability is what it would have been; when that force fails the files
 * stay open until the log's own force reports the failure (a later fsync on a new descriptor
 * could report success for data the failed one lost). An eviction that forces holds other
 * openers for one fsync, which the write group would have paid at its close anyway.
 *
 * <p>More users at once than {@code maxOpen} (threads, not feeds) exceed the bound until they
 * release.
 */
final class FeedHandles {
    static final int DEFAULT_MAX_OPEN = 256;
    private static final Logger LOG = LoggerFactory.getLogger(FeedHandles.class);
    private static final long WARNING_INTERVAL_NANOS = 60_000_000_000L;

    private final Path root;
    private final int maxOpen;
    /** In access order: the least recently used first. */
    private final LinkedHashMap<FeedId, FeedFiles> open = new LinkedHashMap<>(16, 0.75f, true);
    private int channels;
    private int peakChannels;
    private long opens;
    private long forcedOnEviction;
    private boolean closed;
    private long lastOpenWarning = System.nanoTime() - WARNING_INTERVAL_NANOS - 1;

    FeedHandles(Path root, int maxOpen) {
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen " + maxOpen);
        }
        this.root = root;
        this.maxOpen = maxOpen;
    }

    /** The files of {@code feed}, opened if they are not; give them back with {@link #release}. */
    synchronized FeedFiles acquire(FeedId feed) throws IOException {
        if (closed) {
            throw new IOException("the store is closed");
        }
        FeedFiles f = open.get(feed);
        if (f == null) {
            evict(maxOpen - 1);
            f = FeedFiles.open(root.resolve(feed.toHex()));
            open.put(feed, f);
            channels += FeedFiles.CHANNELS;
            peakChannels = Math.max(peakChannels, channels);
            opens++;
        }
        f.users++;
        return f;
    }

    /**
     * {@code f}'s channels were closed under a read (a thread interrupted while it read closes a
     * file channel for every user of it): they are set aside, closed once their users are done, and
     * the feed's files are opened again at the next use. Nothing about the feed's data is wrong.
     */
    synchronized void discard(FeedId feed, FeedFiles f) {
        if (open.get(feed) == f) {
            open.remove(feed);
            f.discarded = true;
        }
    }

    synchronized void release(FeedFiles f) {
        f.users--;
        if (f.users > 0) {
            return;
        }
        if (f.discarded) {
            closeDiscarded(f);
        } else if (open.size() > maxOpen) {
            evict(maxOpen);
        }
    }

    /**
     * Forces what was written through {@code feed}'s files to disk, if they are open; files closed
     * since were forced before they closed. Throws a failure of that earlier force, once.
     */
    void forceIfOpen(FeedId feed) throws IOException {
        FeedFiles f;
        synchronized (this) {
            f = open.get(feed);
            if (f == null) {
                return;
            }
            IOException failure = f.forceFailure;
            if (failure != null) {
                f.forceFailure = null;
                throw failure;
            }
            f.users++;
        }
        try {
            f.force();
        } finally {
            release(f);
        }
    }

    /** Closes {@code feed}'s files (forced first if they hold unforced writes); a user still holding them closes them on release. */
    synchronized void close(FeedId feed) throws IOException {
        FeedFiles f = open.remove(feed);
        if (f == null) {
            return;
        }
        IOException failure = f.forceFailure;
        f.forceFailure = null;
        if (f.users > 0) {
            f.discarded = true;
        } else {
            try {
                if (f.unforced) {
                    f.force();
                }
            } finally {
                closeFiles(feed, f);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes every file and opens none any more. */
    synchronized void closeAll() {
        closed = true;
        for (FeedId feed : java.util.List.copyOf(open.keySet())) {
            try {
                close(feed);
            } catch (IOException e) {
                LOG.error("feed {}: cannot force log.bin to disk as it closes: {}", feed.toHex(), e.toString());
            }
        }
    }

    /** One line a minute when files cannot be opened (too many open files: the sockets took them). */
    void reportOpenFailure(FeedId feed, IOException e) {
        synchronized (this) {
            long now = System.nanoTime();
            if (now - lastOpenWarning < WARNING_INTERVAL_NANOS) {
                return;
            }
            lastOpenWarning = now;
        }
        LOG.error("feed {}: cannot open its files ({}): not served now, tried again at the next read (repeats of this "
                + "line are held back for a minute)", feed.toHex(), e.toString());
    }

    /** Closes least recently used files without users until at most {@code keep} feeds' files are open. */
    private void evict(int keep) {
        Iterator<Map.Entry<FeedId, FeedFiles>> it = open.entrySet().iterator();
        while (open.size() > keep && it.hasNext()) {
            Map.Entry<FeedId, FeedFiles> e = it.next();
            FeedFiles f = e.getValue();
            if (f.users > 0 || f.forceFailure != null) {
                continue;
            }
            if (f.unforced) {
                try {
                    f.force();
                    forcedOnEviction++;
                } catch (IOException failure) {
                    f.forceFailure = failure;
                    LOG.error("feed {}: cannot force log.bin to disk: {} (kept open; its writes are reported as not "
                            + "stored)", e.getKey().toHex(), failure.toString());
                    continue;
                }
            }
            it.remove();
            closeFiles(e.getKey(), f);
        }
    }

    private void closeDiscarded(FeedFiles f) {
        try {
            if (f.unforced) {
                f.force();
            }
        } catch (IOException e) {
            LOG.error("cannot force a closed feed's log.bin to disk: {}", e.toString());
        } finally {
            closeFiles(null, f);
        }
    }

    private void closeFiles(FeedId feed, FeedFiles f) {
        channels -= FeedFiles.CHANNELS;
        try {
            f.close();
        } catch (IOException e) {
            LOG.warn("feed {}: closing its files: {}", feed == null ? "?" : feed.toHex(), e.toString());
        }
    }

    /** Channels open now (a test seam: the bound is counted here, not in /proc). */
    synchronized int openChannels() {
        return channels;
    }

    /** The most channels open at once since the store opened. */
    synchronized int peakChannels() {
        return peakChannels;
    }

    /** How many times a feed's files were opened. */
    synchronized long opens() {
        return opens;
    }

    /** How many evicted feeds held writes not forced yet and were forced before they closed. */
    synchronized long forcedOnEviction() {
        return forcedOnEviction;
    }

    synchronized boolean isOpen(FeedId feed) {
        return open.containsKey(feed);
    }

    int maxOpen() {
        return maxOpen;
    }
}
