package org.tinyssb.link.websocket.internal;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;

/**
 * One WebSocket connection as a tinySSB link: each binary message is one packet, nothing added
 * (as the reference pub and the Android app speak it). Whatever else the peer sends is counted
 * and dropped by the {@link InboundGuard}, never fatal.
 */
final class WebSocketLink implements Link {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketLink.class);
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;

    private final String id;
    private final WebSocket socket;
    private final InboundGuard guard;
    private volatile PacketReceiver receiver;
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private volatile long lastWarning;

    WebSocketLink(String id, WebSocket socket, InboundGuard guard) {
        this.id = id;
        this.socket = socket;
        this.guard = guard;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public LinkProfile profile() {
        return LinkProfile.stream(InboundGuard.MAX_PACKET);
    }

    @Override
    public void attach(PacketReceiver r) {
        this.receiver = r;
    }

    @Override
    public boolean send(byte[] packet) {
        if (packet.length > InboundGuard.MAX_PACKET || !socket.isOpen()) {
            count("send-refused");
            return false;
        }
        try {
            socket.send(packet);
            count("packets-out");
            return true;
        } catch (RuntimeException e) { // closed meanwhile
            count("send-refused");
            return false;
        }
    }

    /** A binary message from the peer. */
    void received(ByteBuffer message) {
        InboundGuard.Verdict v = guard.binary(message.remaining());
        if (v != InboundGuard.Verdict.ACCEPT) {
            refuse(v, message.remaining() + "-byte message");
            return;
        }
        byte[] packet = new byte[message.remaining()];
        message.get(packet);
        count("packets-in");
        PacketReceiver r = receiver;
        if (r != null) {
            r.packetReceived(this, packet);
        }
    }

    /** A text message: tinySSB speaks binary only. */
    void receivedText(String message) {
        refuse(guard.text(), "text message of " + message.length() + " characters");
    }

    private void refuse(InboundGuard.Verdict v, String what) {
        String reason = v.name().toLowerCase();
        count(reason);
        long now = System.nanoTime();
        if (now - lastWarning > WARN_EVERY_NANOS) {
            lastWarning = now;
            LOG.warn("{}: dropped a {} ({}); counted, further ones logged at most once a minute", id, what, reason);
        }
    }

    void count(String counter) {
        counters.computeIfAbsent(counter, c -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return id;
    }
}
