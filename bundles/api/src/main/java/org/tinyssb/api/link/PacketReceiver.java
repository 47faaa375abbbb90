package org.tinyssb.api.link;

import org.osgi.annotation.versioning.ProviderType;

/** Where a {@link Link} delivers the packets it receives. Implemented by the node. */
@ProviderType
@FunctionalInterface
public interface PacketReceiver {
    /**
     * One packet arrived on {@code link}. Returns quickly (the node queues the packet for its own
     * thread). Ownership of {@code packet} passes to the receiver: the link must not reuse it.
     */
    void packetReceived(Link link, byte[] packet);

    /** The same, from a radio that measured the frame's {@code signal} (null: not measured). */
    default void packetReceived(Link link, byte[] packet, Signal signal) {
        packetReceived(link, packet);
    }
}
