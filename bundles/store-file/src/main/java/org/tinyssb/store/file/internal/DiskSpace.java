package org.tinyssb.store.file.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.store.StoreException;
import org.tinyssb.api.store.StoreFullException;

/**
 * Tells a full disk from other write failures: the operator's remedy is to free space, and
 * nothing about the data is wrong (no folder is set aside for it, no entry marked damaged). One
 * line when the disk fills, one when a write succeeds again, and none for the writes between:
 * a full disk refuses every entry of every feed, which used to be a line each.
 */
final class DiskSpace {
    private static final Logger LOG = LoggerFactory.getLogger(DiskSpace.class);
    /** Below this much usable space a failed write is taken for a full disk, whatever its message says. */
    static final long LOW_BYTES = 64 * 1024;

    private final Path root;
    /** Writes refused since the disk filled; -1 while writes succeed. Written under this object's lock. */
    private volatile long refusedWhileFull = -1;

    DiskSpace(Path root) {
        this.root = root;
    }

    /** Whether the last write failed for want of space and none has succeeded since. */
    boolean full() {
        return refusedWhileFull >= 0;
    }

    /**
     * A write succeeded: if the disk was full and has room again, says once that storing goes on.
     * A write into a block already allocated succeeds on a disk still full, so the room is asked.
     */
    void written() {
        if (refusedWhileFull >= 0) { // a volatile read on every write; the lock only after a full disk
            long usable = usable(root);
            if (usable >= 0 && usable < LOW_BYTES) {
                return;
            }
            synchronized (this) {
                if (refusedWhileFull < 0) {
                    return;
                }
                LOG.info("space is back on the disk holding {} ({} free): storing again ({} writes were refused while "
                        + "it was full; peers send what was refused again)", root, describe(usable), refusedWhileFull);
                refusedWhileFull = -1;
            }
        }
    }

    /** The store's exception for a write that failed with {@code e}: a {@link StoreFullException} if the disk is full. */
    StoreException writeFailed(String message, IOException e) {
        if (!isFull(root, e)) {
            return new StoreException(message + ": " + e.getMessage(), e);
        }
        long usable = usable(root);
        synchronized (this) {
            if (refusedWhileFull >= 0) {
                refusedWhileFull++;
            } else {
                refusedWhileFull = 1;
                LOG.error("the disk holding {} is full ({} free): entries and chunks are not stored until space is freed "
                    + "there; the node goes on, keeps what it stored, and stores again once there is space", root,
                    describe(usable));
            }
        }
        return new StoreFullException(root.toString(), usable, message + ": the disk holding " + root + " is full ("
                + describe(usable) + " free)", e);
    }

    /** ENOSPC and EDQUOT as the JDK words them, or hardly any space left where the store is. */
    static boolean isFull(Path root, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        long usable = usable(root);
        return usable >= 0 && usable < LOW_BYTES;
    }

    /** The bytes usable in {@code root}'s file system, -1 if it cannot be asked. */
    static long usable(Path root) {
        try {
            return Files.getFileStore(root).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code bytes} for a log line: 12 KiB, 3.4 MiB. */
    static String describe(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 1023) / 1024 + " KiB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
