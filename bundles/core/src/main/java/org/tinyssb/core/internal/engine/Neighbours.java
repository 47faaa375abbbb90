package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tinyssb.api.Neighbour;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.Signal;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.MgmtMessage;
import org.tinyssb.codec.PeerBeacon;

/**
 * Who is around on broadcast links: peer beacons of the 2025 ESP32 firmware (answered, as the
 * firmware answers them, at most once per {@link #REPLY_INTERVAL_MILLIS} per link, so that
 * requests cannot make this node spend its airtime) and this node's own beacons' replies, and the
 * {@code main} firmware's management statuses and beacons (read, never obeyed: requests and key
 * updates are counted and logged). The table holds {@link #CAPACITY} neighbours at most; the one
 * heard longest ago makes room.
 */
final class Neighbours {
    static final int CAPACITY = 64;
    static final long REPLY_INTERVAL_MILLIS = 10_000;

    private final Scheduler clock;
    private final EngineMetrics metrics;
    private final ThrottledLog log;
    private final LinkedHashMap<String, Neighbour> table = new LinkedHashMap<>();
    private final Map<Link, Long> lastReply = new HashMap<>();
    private String ownId = "0000";
    private long counter;

    Neighbours(Scheduler clock, EngineMetrics metrics, ThrottledLog log) {
        this.clock = clock;
        this.metrics = metrics;
        this.log = log;
    }

    /** The short id this node sends in its beacons (four hex digits). */
    void ownId(String id) {
        ownId = id;
    }

    /** A beacon of this node's: {@code Q <id> t=<n>}. */
    byte[] beacon() {
        return PeerBeacon.request(ownId, counter++);
    }

    /** A peer request heard; returns the reply to send on the same link, or null. */
    byte[] request(Link link, byte[] packet, Signal signal) {
        PeerBeacon q;
        try {
            q = PeerBeacon.decode(packet, true);
        } catch (CodecException e) {
            bad(link, e);
            return null;
        }
        heard(q.id(), link, "beacon", signal, q.position() == null ? "" : "gps " + q.position());
        long now = clock.nowMillis();
        Long last = lastReply.get(link);
        if (last != null && now - last < REPLY_INTERVAL_MILLIS) {
            metrics.drop("beacon-reply-held-back");
            return null;
        }
        lastReply.put(link, now);
        return PeerBeacon.reply(ownId, counter, signal == null ? null : signal.rssiDbm(),
                signal == null ? null : signal.snrDb(), PeerBeacon.text(packet));
    }

    /** A reply heard: from whoever answered a beacon (this node's or another's). */
    void reply(Link link, byte[] packet, Signal signal) {
        PeerBeacon r;
        try {
            r = PeerBeacon.decode(packet, false);
        } catch (CodecException e) {
            bad(link, e);
            return;
        }
        String details = r.rssiDbm() != null && r.echoed() != null && r.echoed().startsWith("Q " + ownId + " ")
                ? String.format(Locale.ROOT, "hears this node at %d dBm, SNR %.1f dB", r.rssiDbm(), r.snrDb())
                : "";
        if (r.position() != null) {
            details = (details.isEmpty() ? "" : details + "; ") + "gps " + r.position();
        }
        heard(r.id(), link, "reply", signal, details);
    }

    /** A management packet of the main firmware: statuses and beacons are news; the rest is refused. */
    void mgmt(Link link, byte[] packet, Signal signal) {
        MgmtMessage m;
        try {
            m = MgmtMessage.decode(packet);
        } catch (CodecException e) {
            bad(link, e);
            return;
        }
        String key = m.defaultKey() ? "" : "; MAC not under the default key";
        if (m instanceof MgmtMessage.Beacon b) {
            heard(b.id(), link, "mgmt-beacon", signal, key.isEmpty() ? "" : key.substring(2));
        } else if (m instanceof MgmtMessage.Status s) {
            MgmtMessage.NodeStatus own = s.nodes().get(0);
            heard(own.id(), link, "mgmt-status", signal, String.format(Locale.ROOT,
                    "%d feeds, %d entries, %d chunks, %d %% free, up %d s, %d neighbours%s", own.feeds(), own.entries(),
                    own.chunks(), own.freePercent(), own.uptimeMillis() / 1000, s.nodes().size() - 1, key));
        } else if (m instanceof MgmtMessage.Request r) {
            metrics.drop("mgmt-request-ignored");
            log.warn("mgmt", "ignored a management request '" + r.command() + "' of " + r.id() + " to "
                    + (r.all() ? "every node" : r.destination()) + " heard on " + link.id()
                    + ": management requests are never obeyed");
        } else if (m instanceof MgmtMessage.KeyUpdate k) {
            metrics.drop("mgmt-key-ignored");
            log.warn("mgmt", "ignored a management key update of " + k.id() + " heard on " + link.id()
                    + ": management requests are never obeyed");
        }
    }

    private void bad(Link link, CodecException e) {
        metrics.drop("bad-neighbour-packet");
        log.warn("bad-neighbour-packet", "malformed beacon or management packet from " + link.id() + ": " + e.getMessage());
    }

    private void heard(String id, Link link, String by, Signal signal, String details) {
        String key = id + "@" + link.id();
        table.remove(key);
        table.put(key, new Neighbour(id, link.id(), by, clock.nowMillis(), signal == null ? null : signal.rssiDbm(),
                signal == null ? null : signal.snrDb(), details));
        if (table.size() > CAPACITY) {
            table.remove(table.keySet().iterator().next()); // heard longest ago
        }
    }

    /** Most recently heard first. */
    List<Neighbour> snapshot() {
        List<Neighbour> all = new ArrayList<>(table.values());
        all.sort(Comparator.comparingLong(Neighbour::lastHeardMillis).reversed());
        return all;
    }

    void forget(Link link) {
        lastReply.remove(link);
    }
}
