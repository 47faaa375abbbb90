package org.tinyssb.store.file.internal;

import java.util.Locale;

/** How hard the store pushes writes to disk: durability against write throughput. */
enum SyncMode {
    /** Every append and chunk is on disk when the call returns: nothing reported stored is lost. */
    ALWAYS,
    /** Writes are forced to disk every sync interval: a crash loses at most that much. */
    BATCH,
    /** The operating system decides; the frontier is still written every sync interval. */
    NEVER;

    static SyncMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sync must be always, batch or never, not '" + text + "'");
        }
    }
}
