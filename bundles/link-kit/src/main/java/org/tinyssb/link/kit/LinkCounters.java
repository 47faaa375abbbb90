package org.tinyssb.link.kit;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A link's counters ({@link LinkCounter}), thread-safe and lock-free; kept across reconnects when
 * a transport reuses one instance for the links it opens one after another.
 */
public final class LinkCounters {
    private static final LinkCounter[] ALL = LinkCounter.values();
    private final AtomicLongArray values = new AtomicLongArray(ALL.length);
    private final AtomicLongArray touched = new AtomicLongArray(ALL.length);

    public void increment(LinkCounter c) {
        add(c, 1);
    }

    public void add(LinkCounter c, long n) {
        values.addAndGet(c.ordinal(), n);
        touched.set(c.ordinal(), 1);
    }

    /** Sets a gauge (or any counter) to {@code value}. */
    public void set(LinkCounter c, long value) {
        values.set(c.ordinal(), value);
        touched.set(c.ordinal(), 1);
    }

    public long get(LinkCounter c) {
        return values.get(c.ordinal());
    }

    /** Every drop counter, summed. */
    public long dropped() {
        long sum = 0;
        for (LinkCounter c : ALL) {
            if (c.kind() == LinkCounter.Kind.DROP) {
                sum += values.get(c.ordinal());
            }
        }
        return sum;
    }

    /** The counters that were ever used, by label, in the enum's order: what {@code Link.counters()} returns. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (LinkCounter c : ALL) {
            if (touched.get(c.ordinal()) != 0) {
                out.put(c.label(), values.get(c.ordinal()));
            }
        }
        return out;
    }

    /** The same, by counter. */
    public Map<LinkCounter, Long> values() {
        Map<LinkCounter, Long> out = new EnumMap<>(LinkCounter.class);
        for (LinkCounter c : ALL) {
            if (touched.get(c.ordinal()) != 0) {
                out.put(c, values.get(c.ordinal()));
            }
        }
        return out;
    }
}
