package org.tinyssb.web.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyssb.api.NodeMetrics;

/**
 * The last hour of each link's traffic for the dashboard's charts: the node's counters sampled every
 * {@value #SAMPLE_MILLIS} ms, kept for an hour, turned into packets a second in and out and, on
 * radios, air time a second. Bounded: at most {@value #MAX_LINKS} links (the longest silent
 * forgotten first) of {@value #MAX_SAMPLES} samples each. Pure: snapshots in, rates out.
 */
final class LinkHistory {
    static final long SAMPLE_MILLIS = 30_000;
    static final int MAX_SAMPLES = (int) (3_600_000 / SAMPLE_MILLIS) + 1;
    static final int MAX_LINKS = 128;

    /** One link's counters at one moment. */
    record Sample(long atMillis, long packetsIn, long packetsOut, double airtimeMillis) {
    }

    /** One point of a chart: seconds before now, packets a second in and out, air time (ms) a second. */
    record Rate(long secondsAgo, double inPerSecond, double outPerSecond, double airtimeMillisPerSecond) {
    }

    private final Map<String, Deque<Sample>> links = new LinkedHashMap<>(16, 0.75f, true);

    synchronized void sample(long nowMillis, List<NodeMetrics.LinkMetrics> metrics) {
        for (NodeMetrics.LinkMetrics l : metrics) {
            Deque<Sample> d = links.computeIfAbsent(l.linkId(), k -> new ArrayDeque<>());
            d.addLast(new Sample(nowMillis, l.packetsIn(), l.packetsOut(),
                    l.airtime() == null ? 0 : l.airtime().millisByKind().values().stream().mapToDouble(Double::doubleValue).sum()));
            while (d.size() > MAX_SAMPLES) {
                d.removeFirst();
            }
        }
        for (Iterator<Map.Entry<String, Deque<Sample>>> it = links.entrySet().iterator(); it.hasNext(); ) {
            Deque<Sample> d = it.next().getValue();
            while (!d.isEmpty() && nowMillis - d.peekFirst().atMillis() > 3_600_000) {
                d.removeFirst();
            }
            if (d.isEmpty() || links.size() > MAX_LINKS) {
                it.remove(); // gone for an hour, or the least recently sampled beyond the bound
            }
        }
    }

    /** For each link, the rates between consecutive samples, oldest first. */
    synchronized Map<String, List<Rate>> rates(long nowMillis) {
        Map<String, List<Rate>> out = new LinkedHashMap<>();
        links.forEach((id, samples) -> {
            List<Rate> rates = new ArrayList<>();
            Sample before = null;
            for (Sample s : samples) {
                if (before != null && s.atMillis() > before.atMillis() && s.packetsIn() >= before.packetsIn()
                        && s.packetsOut() >= before.packetsOut()) { // a link that started over has no rate there
                    double seconds = (s.atMillis() - before.atMillis()) / 1000.0;
                    rates.add(new Rate((nowMillis - s.atMillis()) / 1000, (s.packetsIn() - before.packetsIn()) / seconds,
                            (s.packetsOut() - before.packetsOut()) / seconds,
                            Math.max(0, s.airtimeMillis() - before.airtimeMillis()) / seconds));
                }
                before = s;
            }
            out.put(id, rates);
        });
        return out;
    }
}
