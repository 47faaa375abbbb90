package org.tinyssb.radio.serial.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A modem's counters, kept across reconnects, and its rate-limited warnings (garbage on a line
 * must not flood the log).
 */
final class Counters {
    private static final Logger LOG = LoggerFactory.getLogger(SerialModem.class);
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
    private volatile long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;

    void add(String name) {
        values.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
    }

    long get(String name) {
        AtomicLong v = values.get(name);
        return v == null ? 0 : v.get();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    void warn(String message) {
        long now = System.nanoTime();
        if (now - lastWarning >= WARN_EVERY_NANOS) {
            lastWarning = now;
            LOG.warn("{}; counted, further ones logged at most once a minute", message);
        }
    }
}
