package org.tinyssb.core.internal.engine;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Log lines that peers can cause (bad input, a store refusing what they sent), at most
 * {@value #PER_WINDOW} per kind per minute, so that a peer flooding bad packets cannot flood the
 * log; the number held back is reported with the next one.
 */
final class ThrottledLog {
    static final int PER_WINDOW = 10;
    private static final long WINDOW_MILLIS = 60_000;

    private final Logger log;
    private final Scheduler clock;
    private final Map<String, long[]> windows = new HashMap<>(); // kind -> {window start, count, suppressed}

    ThrottledLog(Logger log, Scheduler clock) {
        this.log = log;
        this.clock = clock;
    }

    void warn(String kind, String message) {
        log(kind, message, false);
    }

    void error(String kind, String message) {
        log(kind, message, true);
    }

    private void log(String kind, String message, boolean error) {
        long now = clock.nowMillis();
        long[] w = windows.computeIfAbsent(kind, k -> new long[] {now, 0, 0});
        if (now - w[0] >= WINDOW_MILLIS) {
            w[0] = now;
            w[1] = 0;
        }
        if (w[1] < PER_WINDOW) {
            w[1]++;
            String line = w[2] > 0 ? message + " (" + w[2] + " more like it suppressed)" : message;
            w[2] = 0;
            if (error) {
                log.error(line);
            } else {
                log.warn(line);
            }
        } else {
            w[2]++;
        }
    }
}
