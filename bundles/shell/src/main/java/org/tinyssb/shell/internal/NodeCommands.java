package org.tinyssb.shell.internal;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedInfo;
import org.tinyssb.api.GoSetStatus;
import org.tinyssb.api.IdentityService;
import org.tinyssb.api.NodeMetrics;
import org.tinyssb.api.NodeService;
import org.tinyssb.api.link.Connector;
import org.tinyssb.api.link.Link;

/**
 * The node at the Gogo prompt ({@code tinyssb:<command>}, or just the command): who it is, what it
 * holds, which links it has and what flows on them, and a few actions. Output goes to the console,
 * as shell commands do.
 */
@Component(service = NodeCommands.class, property = {
    "osgi.command.scope=tinyssb",
    "osgi.command.function=id",
    "osgi.command.function=identity",
    "osgi.command.function=feeds",
    "osgi.command.function=sync",
    "osgi.command.function=links",
    "osgi.command.function=neighbours",
    "osgi.command.function=airtime",
    "osgi.command.function=metrics",
    "osgi.command.function=publish",
    "osgi.command.function=read",
    "osgi.command.function=follow",
    "osgi.command.function=unfollow",
    "osgi.command.function=connect",
    "osgi.command.function=disconnect"})
public final class NodeCommands {
    private final NodeService node;
    private final IdentityService identity;
    private final Map<Link, Map<String, Object>> links = new ConcurrentHashMap<>();
    private final Map<Connector, Map<String, Object>> connectors = new ConcurrentHashMap<>();

    @Activate
    public NodeCommands(@Reference(name = "node") NodeService node, @Reference(name = "identity") IdentityService identity) {
        this.node = node;
        this.identity = identity;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addLink(Link link, Map<String, Object> properties) {
        links.put(link, properties);
    }

    void removeLink(Link link) {
        links.remove(link);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addConnector(Connector connector, Map<String, Object> properties) {
        connectors.put(connector, properties);
    }

    void removeConnector(Connector connector) {
        connectors.remove(connector);
    }

    @Descriptor("this node's identity and its local feeds")
    public String id() {
        Output out = new Output();
        out.line("node id  " + identity.nodeId());
        out.line("         " + identity.nodeId().toHex());
        List<FeedId> all = identity.identities();
        if (all.size() > 1) {
            out.line("other local identities:");
            all.subList(1, all.size()).forEach(f -> out.line("  " + f));
        }
        for (FeedId own : all) {
            node.feed(own).filter(FeedInfo::waitingForOwnEntries).ifPresent(f -> out.line(waiting(f)));
        }
        return out.toString();
    }

    /** What a local feed that is ahead of its store waits for, and the way out. */
    static String waiting(FeedInfo f) {
        return "feed " + f.feed().shortId() + " has published " + f.published() + " entries but this node holds "
                + f.height() + ": it waits for entries " + (f.height() + 1) + ".." + f.published()
                + " from peers before it publishes again (appending now would fork the feed). If no peer has "
                + "them, 'identity renew' starts a new identity for this node and announces it.";
    }

    @Descriptor("the node's identities: 'identity list', 'identity new' (another local identity), "
            + "'identity renew' (a new identity for the node itself, announced on its new feed)")
    public String identity(@Descriptor("list | new | renew") String action) {
        Output out = new Output();
        switch (action) {
            case "list" -> {
                TextTable t = new TextTable("identity", "feed id", "height", "published", "notes");
                for (FeedId id : identity.identities()) {
                    Optional<FeedInfo> f = node.feed(id);
                    t.row(id.equals(identity.nodeId()) ? "node" : "local", id.toSsbId(),
                            f.map(FeedInfo::height).orElse(0L), f.map(FeedInfo::published).orElse(0L),
                            f.filter(FeedInfo::waitingForOwnEntries).isPresent() ? "waits for own entries" : "");
                }
                out.text(t);
            }
            case "new" -> out.line("new local identity " + identity.createIdentity().toSsbId()
                    + " (publish with 'publish --as <its id> ...')");
            case "renew" -> renew(out);
            default -> out.line("unknown action '" + action + "': use list, new or renew");
        }
        return out.toString();
    }

    /** A new node identity, announced on its feed in the chat's shape so that people see where the node went. */
    private void renew(Output out) {
        FeedId old = identity.nodeId();
        FeedId fresh = identity.renewNodeIdentity();
        String text = "This node continues here; its previous feed " + old.toSsbId()
                + " takes no new entries.";
        byte[] post = org.tinyssb.codec.Bipf.encode(java.util.Arrays.asList("TAV", List.of(), text, null,
                System.currentTimeMillis() / 1000));
        long seq = node.publish(fresh, post);
        out.line("node identity renewed: " + fresh.toSsbId() + " (was " + old.toSsbId()
                + ", kept as a local identity); announced in " + fresh.shortId() + "#" + seq);
    }

    @Descriptor("the feeds this node holds, in GOset order")
    public String feeds() {
        Output out = new Output();
        // the short id is what read, follow and unfollow take; the whole id is what other apps show
        TextTable t = new TextTable("#", "short id", "feed", "height", "local", "followed", "chains pending", "notes");
        List<FeedInfo> waiting = new ArrayList<>();
        for (FeedInfo f : node.feeds()) {
            List<String> notes = new ArrayList<>();
            if (!f.replicated()) {
                notes.add("unfollowed");
            }
            if (f.waitingForOwnEntries()) {
                notes.add("waits for own entries " + (f.height() + 1) + ".." + f.published());
                waiting.add(f);
            }
            if (f.damagedEntries() > 0) {
                notes.add(f.damagedEntries() + " damaged, fetching again");
            }
            if (f.unavailableChains() > 0) {
                notes.add(f.unavailableChains() + " content unavailable");
            }
            t.row(f.gosetIndex() < 0 ? "-" : f.gosetIndex(), f.feed().shortId(), f.feed().toSsbId(), f.height(), f.local() ? "yes" : "",
                    f.followed() ? "yes" : "", f.incompleteChains(), String.join("; ", notes));
        }
        out.text(t);
        waiting.forEach(f -> out.line(waiting(f)));
        out.line(goset(node.goset()));
        return out.toString();
    }

    @Descriptor("how replication stands: per feed what this node holds against what peers hold, the rate, the time to go")
    public String sync() {
        return syncTable(node.sync());
    }

    /** The {@code sync} command's answer for {@code s}. */
    static String syncTable(org.tinyssb.api.SyncStatus s) {
        Output out = new Output();
        if (s.feeds().isEmpty()) {
            return out.line("in step with its peers: nothing known still to fetch, no side chain incomplete").toString();
        }
        TextTable t = new TextTable("feed", "held", "at peers", "to fetch", "chains pending");
        for (org.tinyssb.api.SyncStatus.FeedSync f : s.feeds()) {
            t.row(f.feed().shortId(), f.held(), f.knownAtPeers(), f.toFetch(), f.incompleteChains());
        }
        out.text(t);
        long toGo = s.secondsToGo();
        out.line(String.format(java.util.Locale.ROOT, "%,d entries to fetch, %,d side chains incomplete; %,.0f items a "
                + "second lately%s", s.entriesToFetch(), s.incompleteChains(), s.itemsPerSecond(),
                toGo < 0 ? " (nothing arriving now)" : ", about " + org.tinyssb.api.SyncStatus.readable(toGo) + " to go"));
        return out.toString();
    }

    /** One line on the GOset: how full, who may enter, who waits. */
    static String goset(GoSetStatus g) {
        return "GOset: " + g.size() + " of " + g.cap() + " feeds; admission: " + g.admission()
                + (g.admission().equals("proven") ? " (" + g.waitingForEntry() + " announced keys wait for a valid entry)"
                        : "");
    }

    @Descriptor("the node's links with their packet counters, and the addresses kept connected with their state")
    public String links() {
        Output out = new Output();
        Map<String, NodeMetrics.LinkMetrics> seen = new java.util.HashMap<>();
        NodeMetrics metrics = node.metrics();
        metrics.links().forEach(l -> seen.put(l.linkId(), l));
        TextTable t = new TextTable("link", "type", "in", "out", "dropped by node", "transport counters");
        for (Map.Entry<Link, Map<String, Object>> e : links.entrySet()) {
            Link l = e.getKey();
            NodeMetrics.LinkMetrics m = seen.get(l.id());
            t.row(l.id(), e.getValue().getOrDefault(Link.TYPE_PROPERTY, "?"), m == null ? "-" : m.packetsIn(),
                    m == null ? "-" : m.packetsOut(), m == null ? "-" : m.dropped(), counters(l.counters()));
        }
        out.text(t.isEmpty() ? "no links\n" : t);
        // a peer that reconnects is a new link: the node's totals keep what its earlier links carried
        out.line(String.format(java.util.Locale.ROOT, "since the start, all links (those gone too): %,d packets in, "
                + "%,d out", metrics.packetsIn(), metrics.packetsOut()));
        TextTable kept = new TextTable("address", "state");
        for (Connector c : connectors.keySet()) {
            for (Connector.Target target : c.targets()) {
                kept.row(target.address(), target.status());
            }
        }
        if (!kept.isEmpty()) {
            out.text(kept);
        }
        return out.toString();
    }

    @Descriptor("nodes heard lately on radio and UDP links: id, link, how long ago, signal, what they said")
    public String neighbours() {
        Output out = new Output();
        List<org.tinyssb.api.Neighbour> heard = node.neighbours();
        if (heard.isEmpty()) {
            out.line("no neighbours heard (they show up when they send peer beacons or management status)");
            return out.toString();
        }
        long now = System.currentTimeMillis();
        TextTable t = new TextTable("id", "link", "heard", "by", "rssi", "snr", "details");
        for (org.tinyssb.api.Neighbour n : heard) {
            t.row(n.id(), n.linkId(), Math.max(0, (now - n.lastHeardMillis()) / 1000) + " s ago", n.heardBy(),
                    n.rssiDbm() == null ? "-" : n.rssiDbm() + " dBm",
                    n.snrDb() == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f dB", n.snrDb()), n.details());
        }
        out.text(t);
        return out.toString();
    }

    @Descriptor("each radio's air time by kind of packet (control: GOset, vectors, beacons; data: answers, pushes) against its duty-cycle budget")
    public String airtime() {
        return new Output().text(airtimeTable(node.metrics().links())).toString();
    }

    /** The {@code airtime} command's tables for {@code links} (radios only). */
    static String airtimeTable(List<NodeMetrics.LinkMetrics> links) {
        StringBuilder out = new StringBuilder();
        for (NodeMetrics.LinkMetrics l : links) {
            NodeMetrics.Airtime a = l.airtime();
            if (a == null) {
                continue;
            }
            double total = a.millisByKind().values().stream().mapToDouble(Double::doubleValue).sum();
            TextTable t = new TextTable("kind", "", "packets", "air time", "share");
            for (Map.Entry<String, Double> e : a.millisByKind().entrySet()) {
                long packets = l.sentByKind().getOrDefault(e.getKey(), 0L);
                if (packets == 0) {
                    continue;
                }
                t.row(e.getKey(), NodeMetrics.CONTROL_KINDS.contains(e.getKey()) ? "control" : "data", packets,
                        seconds(e.getValue()), percent(e.getValue(), total));
            }
            out.append(l.linkId()).append(": ").append(seconds(total)).append(" on the air since attached, ")
                    .append(percent(a.controlMillis(), total)).append(" control; budget ")
                    .append(seconds(a.usedMillis())).append(" used of ").append(seconds(a.budgetMillis()))
                    .append(" per ").append(window(a.windowMillis())).append(" (")
                    .append(percent(a.usedMillis(), a.budgetMillis())).append(")\n");
            if (!t.isEmpty()) {
                out.append(t);
            }
        }
        return out.length() == 0 ? "no radio links\n" : out.toString();
    }

    private static String seconds(double millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String percent(double part, double whole) {
        return whole <= 0 ? "-" : String.format(java.util.Locale.ROOT, "%.0f %%", 100.0 * part / whole);
    }

    private static String window(long millis) {
        return millis % 3_600_000 == 0 ? (millis == 3_600_000 ? "hour" : millis / 3_600_000 + " h")
                : millis % 60_000 == 0 ? millis / 60_000 + " min" : millis / 1000 + " s";
    }

    /** A link's transport counters on one line, {@code name=value} in the link kit's order. */
    static String counters(Map<String, Long> counters) {
        StringBuilder b = new StringBuilder();
        counters.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }

    @Descriptor("the node's counters: entries stored, packets dropped by reason")
    public String metrics() {
        Output out = new Output();
        NodeMetrics m = node.metrics();
        out.line("entries published " + m.entriesPublished() + ", ingested " + m.entriesIngested()
                + ", chunks ingested " + m.chunksIngested());
        TextTable t = new TextTable("dropped", "packets");
        m.droppedByReason().forEach((reason, n) -> t.row(reason, n));
        out.text(t.isEmpty() ? "nothing dropped\n" : t);
        return out.toString();
    }

    /** Longest content {@code read} prints; the rest goes to a file with {@code --file}. */
    static final int SHOWN_BYTES = 4096;

    /** A command's body, answering into {@code out}: what the operator got wrong is one line, never a stack trace. */
    @FunctionalInterface
    interface Body {
        void run(Output out) throws java.io.IOException;
    }

    static String userErrorsAsOneLine(String command, Body body) {
        Output out = new Output();
        try {
            body.run(out);
        } catch (IllegalArgumentException | IllegalStateException | java.io.IOException e) {
            return command + ": " + e.getMessage();
        }
        return out.toString();
    }

    private List<FeedId> knownFeeds() {
        List<FeedId> known = new ArrayList<>(node.feeds().stream().map(FeedInfo::feed).toList());
        known.addAll(identity.identities());
        return known;
    }

    @Descriptor("append a text (UTF-8), or a file's bytes, to this node's feed or another local identity's")
    public String publish(
            @Descriptor("feed of a local identity (default: the node's own)")
            @Parameter(names = {"-a", "--as"}, absentValue = "") String as,
            @Descriptor("publish this file's bytes instead of a text")
            @Parameter(names = {"-f", "--file"}, absentValue = "") String file,
            @Descriptor("the text") String... words) {
        return userErrorsAsOneLine("publish", out -> {
            FeedId author = as.isEmpty() ? identity.nodeId() : FeedArgument.feed(as, identity.identities());
            byte[] content;
            if (!file.isEmpty()) {
                java.nio.file.Path path = java.nio.file.Path.of(file);
                if (!java.nio.file.Files.isRegularFile(path)) {
                    throw new IllegalArgumentException("no file " + path.toAbsolutePath() + "; nothing published");
                }
                content = java.nio.file.Files.readAllBytes(path);
            } else {
                content = String.join(" ", words).getBytes(StandardCharsets.UTF_8);
            }
            if (content.length == 0 || (file.isEmpty() && String.join(" ", words).isBlank())) {
                throw new IllegalArgumentException("give a text or --file <path>; entries are permanent, so nothing "
                        + "empty is published");
            }
            long seq = node.publish(author, content);
            out.line("published " + author.shortId() + "#" + seq + " (" + content.length + " bytes)");
        });
    }

    @Descriptor("show an entry's content (as text when it is UTF-8, else hex): 'read 108a1d87#1' or 'read <feed> 1'")
    public String read(
            @Descriptor("write the whole content to this file instead")
            @Parameter(names = {"-o", "--out", "-f", "--file"}, absentValue = "") String file,
            @Descriptor("<feed>#<number>, or <feed> <number> (a feed's id, or its short id as 'feeds' shows it)")
            String... entry) {
        return userErrorsAsOneLine("read", out -> {
            if (entry.length < 1 || entry.length > 2) {
                throw new IllegalArgumentException("give one entry: <feed>#<number> or <feed> <number>");
            }
            FeedArgument.Entry e = FeedArgument.entry(entry[0], entry.length == 2 ? entry[1] : null, knownFeeds());
            Optional<EntryContent> c = node.read(e.feed(), e.seq());
            if (c.isEmpty()) {
                out.line("no entry " + e.seq() + " of " + e.feed().shortId() + " here");
                return;
            }
            EntryContent content = c.get();
            out.line(content.isComplete() ? content.length() + " bytes" : content.availableLength() + " of "
                    + content.length() + " bytes held (side chain incomplete)");
            byte[] bytes = content.available();
            if (!file.isEmpty()) {
                java.nio.file.Files.write(java.nio.file.Path.of(file), bytes);
                out.line("written to " + java.nio.file.Path.of(file).toAbsolutePath());
                return;
            }
            out.line(text(java.util.Arrays.copyOf(bytes, Math.min(bytes.length, SHOWN_BYTES))));
            if (bytes.length > SHOWN_BYTES) {
                out.line("... " + (bytes.length - SHOWN_BYTES) + " more bytes (read --file <path> "
                        + entry[0] + (entry.length == 2 ? " " + entry[1] : "") + " writes them all)");
            }
        });
    }

    static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return HexFormat.of().formatHex(bytes);
        }
    }

    @Descriptor("replicate a feed")
    public String follow(@Descriptor("feed id (hex or @...=.ed25519, or the first hex digits of a known one)") String feed) {
        return userErrorsAsOneLine("follow", out -> {
            FeedId id = FeedArgument.feed(feed, knownFeeds());
            out.line(node.follow(id) ? "following " + id.toSsbId() : "already following " + id.toSsbId());
        });
    }

    @Descriptor("stop replicating a feed and delete what is held of it")
    public String unfollow(@Descriptor("feed id (hex or @...=.ed25519, or the first hex digits of a known one)") String feed) {
        return userErrorsAsOneLine("unfollow", out -> {
            FeedId id = FeedArgument.feed(feed, knownFeeds());
            long held = node.feed(id).map(FeedInfo::height).orElse(0L);
            if (node.unfollow(id)) {
                out.line("unfollowed " + id.toSsbId() + ": its " + held + " entries and their content are "
                        + "deleted from this node ('follow' fetches them again from peers)");
            } else {
                out.line("not following " + id.toSsbId());
            }
        });
    }

    @Descriptor("keep a link to a pub or node, e.g. ws://host:8080/")
    public String connect(@Descriptor("address") String address) {
        return userErrorsAsOneLine("connect", out -> {
            URI uri = address(address);
            Connector c = connectorFor(uri);
            out.line(c.connect(uri) ? "connecting to " + uri + " (kept up until disconnect)"
                    : "already connected to " + uri);
        });
    }

    @Descriptor("close a link opened with connect")
    public String disconnect(@Descriptor("address") String address) {
        return userErrorsAsOneLine("disconnect", out -> {
            URI uri = address(address);
            out.line(connectorFor(uri).disconnect(uri) ? "disconnected " + uri : "not connected to " + uri);
        });
    }

    /** An address as people type it, or why it is not one. */
    static URI address(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address: " + e.getReason());
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + text + "' is not an address like ws://host:8080/ or wss://host/");
        }
        return uri;
    }

    private Connector connectorFor(URI uri) {
        for (Map.Entry<Connector, Map<String, Object>> e : connectors.entrySet()) {
            Object schemes = e.getValue().get(Connector.SCHEME_PROPERTY);
            List<?> list = schemes instanceof String[] a ? List.of(a) : schemes instanceof String s ? List.of(s) : List.of();
            if (list.contains(uri.getScheme())) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("no link bundle here connects to " + uri.getScheme() + ": addresses (is the "
                + "WebSocket bundle of the feature running? 'links' shows what is attached)");
    }
}
