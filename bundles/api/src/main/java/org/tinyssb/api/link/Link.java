package org.tinyssb.api.link;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One channel on which packets travel: a WebSocket connection, a UDP multicast group, a LoRa
 * radio. Implemented by transport bundles and registered as a service; the node calls it.
 *
 * <p>Implementations are thread-safe: {@link #send} may be called from any thread and must not
 * block on the network.
 */
@ConsumerType
public interface Link {
    /** Service property: the kind of transport, for example {@code websocket}, {@code udp}, {@code lora}. */
    String TYPE_PROPERTY = "tinyssb.link.type";

    /** A stable id, unique among the node's links while registered, for logs and counters. */
    String id();

    /** Size and pacing of the link, which the node uses to shape its replication rounds. */
    LinkProfile profile();

    /**
     * Starts delivering received packets to {@code receiver}, or stops if it is {@code null}.
     * A link delivers each packet once, with its framing removed and its checksum verified.
     */
    void attach(PacketReceiver receiver);

    /**
     * Queues one packet for transmission. Never blocks.
     *
     * @return false if the packet was not taken (queue full, link closed, longer than the MTU)
     */
    boolean send(byte[] packet);

    /** Transport-level counters (bad frames, queue drops, reconnects ...) by name. */
    Map<String, Long> counters();

    /**
     * Whether the link's outbox is filling up (the peer does not read, the radio waits for its
     * duty cycle): the node holds back answers to this link until it drains. Answers can be made
     * again, so nothing is lost; memory stays bounded by the outbox.
     */
    default boolean congested() {
        return false;
    }
}
