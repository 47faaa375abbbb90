package org.tinyssb.store.file.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The open files of one feed: log.bin and its index. Lent out by {@link FeedHandles}, which
 * counts the users and closes the files of a feed nobody is using when it needs room.
 */
final class FeedFiles {
    /** Channels per open feed (log.bin and tinyssb-index.bin). */
    static final int CHANNELS = 2;

    private final FileChannel log;
    private final EntryIndex index;
    /** Threads using these files right now; read and written under the {@link FeedHandles} lock only. */
    int users;
    /** Writes went through these files that are not forced to disk yet (a write group is open, or sync=batch). */
    volatile boolean unforced;
    /** Forcing these files on eviction failed: kept open until the log's next force reports it. */
    IOException forceFailure;
    /** Taken out of the cache while in use: closed by the last user's release. */
    boolean discarded;

    private FeedFiles(FileChannel log, EntryIndex index) {
        this.log = log;
        this.index = index;
    }

    /** Opens the files of the feed folder {@code dir}; its log.bin must exist, the index is started if missing. */
    static FeedFiles open(Path dir) throws IOException {
        FileChannel log = FileChannel.open(dir.resolve(FileFeedLog.LOG), StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            return new FeedFiles(log, EntryIndex.open(dir));
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    FileChannel log() {
        return log;
    }

    EntryIndex index() {
        return index;
    }

    /** Forces log.bin to disk; a write noted after the flag is cleared is forced by a later call. */
    void force() throws IOException {
        unforced = false;
        try {
            log.force(false);
        } catch (IOException e) {
            unforced = true;
            throw e;
        }
    }

    void close() throws IOException {
        try {
            index.close();
        } finally {
            log.close();
        }
    }
}
