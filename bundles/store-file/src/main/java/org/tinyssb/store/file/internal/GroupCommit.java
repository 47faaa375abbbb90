package org.tinyssb.store.file.internal;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.tinyssb.api.store.StoreException;

/**
 * Group commit for {@code sync=always}: while a group is open, logs do not force each write but
 * note that they have to; closing the group forces each of them once. One writer (the node's
 * engine thread) opens and closes groups.
 */
final class GroupCommit {
    private boolean open;
    private final Set<FileFeedLog> unforced = new LinkedHashSet<>();

    synchronized void begin() {
        open = true;
    }

    /** Whether {@code log}'s write may wait for the group; if so, it is noted. */
    synchronized boolean defer(FileFeedLog log) {
        if (open) {
            unforced.add(log);
        }
        return open;
    }

    synchronized void commit() throws StoreException {
        open = false;
        StoreException first = null;
        for (FileFeedLog log : unforced) {
            try {
                log.force();
            } catch (IOException e) {
                if (first == null) {
                    first = new StoreException(log.feed().shortId() + ": cannot force the log to disk: "
                            + e.getMessage(), e);
                }
            }
        }
        unforced.clear();
        if (first != null) {
            throw first;
        }
    }
}
