package org.tinyssb.link.kit;

import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.PacketReceiver;
import org.tinyssb.api.link.Signal;
import org.tinyssb.codec.CodecException;

/**
 * The receive side of a link, written once: a frame from the medium is unframed, checked
 * (checksum, length), counted and handed to the node; anything else is counted by cause and
 * logged through the throttle, never passed on and never fatal.
 */
public final class Inbound {
    private final Link link;
    private final Framing framing;
    private final int maxPacket;
    private final LinkCounters counters;
    private final WarningThrottle warnings;
    private volatile PacketReceiver receiver;

    /**
     * @param link      the link packets are delivered as coming from
     * @param maxPacket longest packet passed on (the link's MTU)
     */
    public Inbound(Link link, Framing framing, int maxPacket, LinkCounters counters, WarningThrottle warnings) {
        this.link = link;
        this.framing = framing;
        this.maxPacket = maxPacket;
        this.counters = counters;
        this.warnings = warnings;
    }

    /** {@link Link#attach}: where packets go ({@code null}: dropped uncounted, nobody listens). */
    public void attach(PacketReceiver r) {
        receiver = r;
    }

    /** One frame of {@code length} bytes in {@code frame}, from {@code from} (for the log). */
    public void frame(byte[] frame, int length, String from) {
        frame(frame, length, from, null);
    }

    /** The same, from a radio that measured the frame's {@code signal}: the node learns who is near and how well. */
    public void frame(byte[] frame, int length, String from, Signal signal) {
        byte[] packet;
        try {
            packet = framing.unwrap(frame, length);
        } catch (CodecException e) {
            drop(LinkCounter.BAD_CRC, "dropped a " + length + "-byte frame from " + from + ": " + e.getMessage());
            return;
        }
        packet(packet, from, signal);
    }

    /** One packet, unframed already (a WebSocket message). */
    public void packet(byte[] packet, String from) {
        packet(packet, from, null);
    }

    private void packet(byte[] packet, String from, Signal signal) {
        if (packet.length > maxPacket) {
            drop(LinkCounter.OVERSIZE, "dropped a " + packet.length + "-byte packet from " + from + " (at most "
                    + maxPacket + ")");
            return;
        }
        counters.increment(LinkCounter.PACKETS_IN);
        PacketReceiver r = receiver;
        if (r != null) {
            if (signal == null) {
                r.packetReceived(link, packet);
            } else {
                r.packetReceived(link, packet, signal);
            }
        }
    }

    /** Something that is not a packet: counted under {@code cause}, logged through the throttle. */
    public void drop(LinkCounter cause, String message) {
        counters.increment(cause);
        warnings.warn(cause.label(), message);
    }
}
