package org.tinyssb.link.websocket.internal;

import java.nio.ByteBuffer;
import java.util.Map;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;
import org.tinyssb.link.kit.Framing;
import org.tinyssb.link.kit.Inbound;
import org.tinyssb.link.kit.LinkCounter;
import org.tinyssb.link.kit.LinkCounters;
import org.tinyssb.link.kit.Outbox;
import org.tinyssb.link.kit.RateLimit;
import org.tinyssb.link.kit.WarningThrottle;

/**
 * One WebSocket connection as a tinySSB link: each binary message is one packet, nothing added
 * (as the reference pub and the Android app speak it). What the peer sends beyond that is counted
 * and dropped (text, floods beyond the rate); frames over {@link WebSockets#MAX_FRAME} never get
 * buffered (the library closes the connection at their header). What the node sends waits in the
 * library's queue, which this link keeps bounded: a peer that does not read costs at most
 * {@code outboxPackets} packets of memory.
 */
final class WebSocketLink implements Link {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketLink.class);

    private final String id;
    private final WebSocket socket;
    private final int outboxPackets;
    private final LinkCounters counters = new LinkCounters();
    private final WarningThrottle warnings;
    private final Inbound inbound;
    private final RateLimit rate;
    private volatile long lastInboundNanos = System.nanoTime();

    /**
     * @param outboxPackets packets that may wait to be written to the peer; our packets are at most
     *                      120 bytes, so this also bounds the bytes ({@link WebSockets#outboxPackets})
     */
    WebSocketLink(String id, WebSocket socket, int outboxPackets, double packetsPerSecond) {
        this.id = id;
        this.socket = socket;
        this.outboxPackets = outboxPackets;
        this.warnings = new WarningThrottle(LOG, id);
        this.inbound = new Inbound(this, Framing.PLAIN, WebSockets.MAX_FRAME, counters, warnings);
        this.rate = new RateLimit(packetsPerSecond, System::nanoTime);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public LinkProfile profile() {
        return LinkProfile.stream(WebSockets.MAX_FRAME);
    }

    @Override
    public void attach(PacketReceiver r) {
        inbound.attach(r);
    }

    /** Frames queued in the library for the peer: what a peer that does not read makes us hold. */
    int queued() {
        // a client is a WebSocket too, but its queue is that of the connection it wraps
        WebSocket connection = socket instanceof WebSocketClient c ? c.getConnection() : socket;
        if (connection instanceof WebSocketImpl impl) {
            return impl.outQueue.size();
        }
        throw new IllegalStateException("cannot see the send queue of " + connection.getClass().getName());
    }

    @Override
    public boolean send(byte[] packet) {
        if (packet.length > WebSockets.MAX_FRAME || !socket.isOpen()) {
            counters.increment(LinkCounter.SEND_REFUSED);
            return false;
        }
        if (!Outbox.admits(queued(), 0, 0, outboxPackets, Long.MAX_VALUE)) {
            counters.increment(LinkCounter.OUTBOX_FULL);
            warnings.warn("outbox", "the peer does not read: " + outboxPackets + " packets wait for it; further "
                    + "ones are dropped and the node holds back its answers");
            return false;
        }
        try {
            socket.send(packet);
            counters.increment(LinkCounter.PACKETS_OUT);
            return true;
        } catch (RuntimeException e) { // closed meanwhile
            counters.increment(LinkCounter.SEND_REFUSED);
            return false;
        }
    }

    @Override
    public boolean congested() {
        return queued() * 2 >= outboxPackets;
    }

    /** A binary message from the peer. */
    void received(ByteBuffer message) {
        lastInboundNanos = System.nanoTime();
        if (!rate.admit()) {
            inbound.drop(LinkCounter.FLOOD, "dropped packets beyond the rate limit");
            return;
        }
        byte[] packet = new byte[message.remaining()];
        message.get(packet);
        inbound.packet(packet, id);
    }

    /** A text message: tinySSB speaks binary only. */
    void receivedText(String message) {
        lastInboundNanos = System.nanoTime();
        inbound.drop(LinkCounter.TEXT, "dropped a text message of " + message.length() + " characters");
    }

    /** Nanoseconds since the peer last sent anything. */
    long silentNanos() {
        return System.nanoTime() - lastInboundNanos;
    }

    LinkCounters linkCounters() {
        return counters;
    }

    @Override
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    void close(int code, String reason) {
        socket.close(code, reason);
    }

    @Override
    public String toString() {
        return id;
    }
}
