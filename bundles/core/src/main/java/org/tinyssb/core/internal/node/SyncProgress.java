package org.tinyssb.core.internal.node;

import java.util.Locale;

/**
 * The progress of replication for people watching a node's log: while entries and chunks arrive,
 * one line per interval with what came, how fast, and what is known to be still to come (entries
 * peers were heard to hold, side chains incomplete); when it stops, one line with the whole run.
 * Pure: counter snapshots in, a line or nothing out.
 */
final class SyncProgress {
    /** The node's counters at one moment. */
    record Snapshot(long atMillis, long entries, long chunks, long entriesToFetch, int incompleteChains) {
        long items() {
            return entries + chunks;
        }
    }

    private Snapshot last;
    private Snapshot runStart;
    private volatile double rate;

    /** Entries and chunks a second over the last interval (0 when nothing arrived in it). */
    double rate() {
        return rate;
    }

    /** The line for {@code now} (null: nothing to say), given the snapshot of the interval before. */
    String next(Snapshot now) {
        Snapshot before = last;
        last = now;
        if (before == null) {
            return null;
        }
        long arrived = now.items() - before.items();
        rate = rate(Math.max(0, arrived), now.atMillis() - before.atMillis());
        if (arrived > 0) {
            if (runStart == null) {
                runStart = before;
            }
            return String.format(Locale.ROOT, "sync: +%,d entries, +%,d chunks in %s (%,.0f a second); %s%s",
                    now.entries() - before.entries(), now.chunks() - before.chunks(), seconds(now.atMillis() - before.atMillis()),
                    rate, toCome(now), toGo(now.entriesToFetch(), rate));
        }
        if (runStart == null) {
            return null;
        }
        Snapshot start = runStart;
        runStart = null;
        long span = before.atMillis() - start.atMillis();
        return String.format(Locale.ROOT, "sync: %,d entries and %,d chunks in %s (%,.0f a second), nothing more arriving; %s",
                before.entries() - start.entries(), before.chunks() - start.chunks(), seconds(span),
                rate(before.items() - start.items(), span), toCome(now));
    }

    private static String toCome(Snapshot s) {
        if (s.entriesToFetch() == 0 && s.incompleteChains() == 0) {
            return "in step with its peers";
        }
        return String.format(Locale.ROOT, "%,d entries known still to fetch, %,d side chains incomplete",
                s.entriesToFetch(), s.incompleteChains());
    }

    /** ", about 2 min to go" at {@code rate} for {@code toFetch} entries, or nothing when it cannot tell. */
    static String toGo(long toFetch, double rate) {
        if (toFetch <= 0 || rate <= 0) {
            return "";
        }
        return ", about " + org.tinyssb.api.SyncStatus.readable(Math.round(toFetch / rate)) + " to go at this rate";
    }

    private static double rate(long items, long millis) {
        return millis <= 0 ? 0 : items * 1000.0 / millis;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.0f s", millis / 1000.0);
    }
}
