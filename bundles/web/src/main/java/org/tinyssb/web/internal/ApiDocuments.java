package org.tinyssb.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedInfo;
import org.tinyssb.api.GoSetStatus;
import org.tinyssb.api.IdentityService;
import org.tinyssb.api.Neighbour;
import org.tinyssb.api.NodeMetrics;
import org.tinyssb.api.NodeService;

/**
 * The API's documents, built from the node's services: what {@code /api/...} returns, as maps and
 * lists ready for {@link Json}. Pure: no HTTP here, so every document is tested on its own.
 */
final class ApiDocuments {
    private final NodeService node;
    private final IdentityService identity;
    private final long startedMillis;

    ApiDocuments(NodeService node, IdentityService identity, long startedMillis) {
        this.node = node;
        this.identity = identity;
        this.startedMillis = startedMillis;
    }

    /** The document at {@code path} (after {@code /api}), or null if there is none. */
    Object at(String path, long nowMillis) {
        return switch (path) {
            case "/node" -> node(nowMillis);
            case "/feeds" -> feeds();
            case "/links" -> links();
            case "/neighbours" -> neighbours(nowMillis);
            case "/metrics" -> metrics();
            default -> null;
        };
    }

    /** The paths {@link #at} answers. */
    static List<String> paths() {
        return List.of("/node", "/feeds", "/links", "/neighbours", "/metrics");
    }

    Map<String, Object> node(long nowMillis) {
        Map<String, Object> m = new LinkedHashMap<>();
        FeedId id = identity.nodeId();
        m.put("id", id.toSsbId());
        m.put("hex", id.toHex());
        m.put("identities", identity.identities().stream().map(FeedId::toSsbId).toList());
        m.put("uptimeSeconds", Math.max(0, (nowMillis - startedMillis) / 1000));
        List<FeedInfo> feeds = node.feeds();
        m.put("feeds", feeds.size());
        m.put("entries", feeds.stream().mapToLong(FeedInfo::height).sum());
        NodeMetrics metrics = node.metrics();
        m.put("links", metrics.links().size());
        m.put("packetsIn", metrics.packetsIn()); // every link since the start, reconnected peers' old links too
        m.put("packetsOut", metrics.packetsOut());
        GoSetStatus goset = node.goset();
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("size", goset.size());
        g.put("cap", goset.cap());
        g.put("admission", goset.admission());
        g.put("waitingForEntry", goset.waitingForEntry());
        m.put("goset", g);
        return m;
    }

    List<Object> feeds() {
        List<Object> out = new ArrayList<>();
        for (FeedInfo f : node.feeds()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.feed().toSsbId());
            m.put("short", f.feed().shortId());
            m.put("height", f.height());
            m.put("gosetIndex", f.gosetIndex());
            m.put("local", f.local());
            m.put("followed", f.followed());
            m.put("replicated", f.replicated());
            m.put("published", f.published());
            m.put("incompleteChains", f.incompleteChains());
            m.put("unavailableChains", f.unavailableChains());
            m.put("damagedEntries", f.damagedEntries());
            out.add(m);
        }
        return out;
    }

    List<Object> links() {
        List<Object> out = new ArrayList<>();
        for (NodeMetrics.LinkMetrics l : node.metrics().links()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", l.linkId());
            m.put("packetsIn", l.packetsIn());
            m.put("packetsOut", l.packetsOut());
            m.put("dropped", l.dropped());
            m.put("sentByKind", l.sentByKind());
            NodeMetrics.Airtime a = l.airtime();
            if (a != null) {
                Map<String, Object> air = new LinkedHashMap<>();
                air.put("millisByKind", a.millisByKind());
                air.put("controlMillis", a.controlMillis());
                air.put("usedMillis", a.usedMillis());
                air.put("budgetMillis", a.budgetMillis());
                air.put("windowMillis", a.windowMillis());
                m.put("airtime", air);
            }
            out.add(m);
        }
        return out;
    }

    List<Object> neighbours(long nowMillis) {
        List<Object> out = new ArrayList<>();
        for (Neighbour n : node.neighbours()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("link", n.linkId());
            m.put("heardBy", n.heardBy());
            m.put("secondsAgo", Math.max(0, (nowMillis - n.lastHeardMillis()) / 1000));
            m.put("rssiDbm", n.rssiDbm());
            m.put("snrDb", n.snrDb());
            m.put("details", n.details());
            out.add(m);
        }
        return out;
    }

    Map<String, Object> metrics() {
        NodeMetrics n = node.metrics();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entriesPublished", n.entriesPublished());
        m.put("entriesIngested", n.entriesIngested());
        m.put("chunksIngested", n.chunksIngested());
        m.put("droppedByReason", new java.util.TreeMap<>(n.droppedByReason()));
        return m;
    }
}
