package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tinyssb.api.NodeMetrics;

/** The engine's counters; read into a {@link NodeMetrics} snapshot. */
final class EngineMetrics {
    long entriesStored;
    long chunksStored;
    long entriesRepaired;
    private final Map<String, Long> dropped = new TreeMap<>();
    /** Packets of links detached since the start: the node's totals keep them. */
    private long detachedIn;
    private long detachedOut;

    void drop(String reason) {
        dropped.merge(reason, 1L, Long::sum);
    }

    long dropped(String reason) {
        return dropped.getOrDefault(reason, 0L);
    }

    void detached(LinkSession s) {
        detachedIn += s.packetsIn;
        detachedOut += s.packetsOut;
    }

    NodeMetrics snapshot(Collection<LinkSession> sessions) {
        List<NodeMetrics.LinkMetrics> links = new ArrayList<>();
        long in = detachedIn;
        long out = detachedOut;
        for (LinkSession s : sessions) {
            in += s.packetsIn;
            out += s.packetsOut;
            Map<String, Long> kinds = new java.util.LinkedHashMap<>();
            Map<String, Double> air = new java.util.LinkedHashMap<>();
            for (LinkSession.Sent k : LinkSession.Sent.values()) {
                kinds.put(k.label(), s.sentByKind[k.ordinal()]);
                air.put(k.label(), s.airtimeByKind[k.ordinal()]);
            }
            NodeMetrics.Airtime airtime = s.radio == null ? null : new NodeMetrics.Airtime(air,
                    s.radio.budgetUsedMillis(), s.radio.budgetMillis(), s.radio.budgetWindowMillis());
            links.add(new NodeMetrics.LinkMetrics(s.link.id(), s.packetsIn, s.packetsOut, s.dropped, kinds, airtime));
        }
        return new NodeMetrics(0, entriesStored, chunksStored, dropped, links, in, out);
    }
}
