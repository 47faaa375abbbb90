package org.tinyssb.link.kit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The one policy for log lines a peer, a line or a radio can cause (bad frames, refused
 * connections, failed sends): per kind, one line a minute; the ones held back are counted and
 * the next line says how many. Kinds are few and fixed by the code (counter names, "connect"),
 * never taken from the peer, so the table stays small. Thread-safe; the clock is injected.
 */
public final class WarningThrottle {
    /** Shortest time between two lines of one kind. */
    public static final long INTERVAL_NANOS = 60_000_000_000L;

    private final Logger log;
    private final String prefix;
    private final LongSupplier nanoClock;
    private final Map<String, long[]> kinds = new ConcurrentHashMap<>(); // kind -> {next due, held back}

    /** Lines go to {@code log}, each starting with {@code prefix} (a link or transport id). */
    public WarningThrottle(Logger log, String prefix) {
        this(log, prefix, System::nanoTime);
    }

    public WarningThrottle(Logger log, String prefix, LongSupplier nanoClock) {
        this.log = log;
        this.prefix = prefix;
        this.nanoClock = nanoClock;
    }

    /** Logs {@code message} as a warning unless a line of this kind went out less than a minute ago. */
    public void warn(String kind, String message) {
        String line = due(kind);
        if (line != null) {
            log.warn("{}: {}{}", prefix, message, line);
        }
    }

    /** The same at INFO, for events that are normal but must not flood (reconnects). */
    public void info(String kind, String message) {
        String line = due(kind);
        if (line != null) {
            log.info("{}: {}{}", prefix, message, line);
        }
    }

    /** Null if held back; else the suffix saying how many were held back since the last line. */
    private String due(String kind) {
        long now = nanoClock.getAsLong();
        long[] state = kinds.computeIfAbsent(kind, k -> new long[] {now, 0});
        synchronized (state) {
            if (now - state[0] < 0) {
                state[1]++;
                return null;
            }
            long held = state[1];
            state[0] = now + INTERVAL_NANOS;
            state[1] = 0;
            return held == 0 ? "" : " (" + held + " more like it in the last minute, counted, not logged)";
        }
    }
}
