package org.tinyssb.deploy.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyssb.api.FeedId;
import org.tinyssb.deploy.FleetReport;

/**
 * The fleet's reports gathered by instruction: each node's latest report on each instruction this
 * node knows. Bounded whatever the feeds hold: the latest {@value #MAX_INSTRUCTIONS} instructions,
 * reports for at most {@value #MAX_REFS} instructions (a report may arrive before its
 * instruction) and {@value #MAX_NODES} nodes each. Not thread-safe; pure.
 */
final class FleetView {
    static final int MAX_INSTRUCTIONS = 1024;
    static final int MAX_REFS = 4096;
    static final int MAX_NODES = 1024;
    static final String NO_REPORT = "no report yet";

    private record Known(FeedId feed, long seq, DeployCodec.Instruction instruction) {
    }

    private record Latest(long seq, String outcome, String detail) {
    }

    private final Map<String, Known> instructions = bounded(MAX_INSTRUCTIONS);
    private final Map<String, Map<FeedId, Latest>> reports = bounded(MAX_REFS);

    /** An instruction, known by {@code ref} (the base64 of its message id). */
    void instruction(String ref, FeedId feed, long seq, DeployCodec.Instruction i) {
        instructions.put(ref, new Known(feed, seq, i));
    }

    /** Node {@code node}'s report in its entry {@code seq}; a later entry replaces an earlier one. */
    void report(FeedId node, long seq, DeployCodec.Report r) {
        Map<FeedId, Latest> byNode = reports.computeIfAbsent(r.ref(), k -> new HashMap<>());
        Latest known = byNode.get(node);
        if (known == null && byNode.size() >= MAX_NODES) {
            return;
        }
        if (known == null || seq > known.seq()) {
            byNode.put(node, new Latest(seq, r.outcome(), r.detail()));
        }
    }

    /** One row per instruction and reporting node (one "no report yet" row where none reported). */
    List<FleetReport> rows() {
        List<Map.Entry<String, Known>> ordered = new ArrayList<>(instructions.entrySet());
        ordered.sort(Comparator.comparing((Map.Entry<String, Known> e) -> e.getValue().feed())
                .thenComparingLong(e -> e.getValue().seq()));
        List<FleetReport> rows = new ArrayList<>();
        for (Map.Entry<String, Known> e : ordered) {
            Known k = e.getValue();
            DeployCodec.Instruction i = k.instruction();
            Map<FeedId, Latest> byNode = reports.getOrDefault(e.getKey(), Map.of());
            if (byNode.isEmpty()) {
                rows.add(new FleetReport(k.feed(), k.seq(), i.action(), i.bsn(), i.version(), i.group(), null, NO_REPORT,
                        ""));
            }
            byNode.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(n -> rows.add(new FleetReport(k.feed(),
                    k.seq(), i.action(), i.bsn(), i.version(), i.group(), n.getKey(), n.getValue().outcome(),
                    n.getValue().detail())));
        }
        return rows;
    }

    /** An insertion-ordered map that drops its eldest entries beyond {@code max}. */
    private static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
