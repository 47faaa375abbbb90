package org.tinyssb.api.link;

/**
 * How much a link carries and how fast.
 *
 * @param mtu              longest packet the link takes, in bytes (tinySSB packets are at most 120)
 * @param packetsPerSecond sustainable packet rate; {@link Double#POSITIVE_INFINITY} for links
 *                         that are never the bottleneck (sockets). Radios report what their
 *                         air time and duty cycle allow, so the node does not queue more than
 *                         they can send in a round.
 * @param broadcast        whether every packet reaches all peers on the medium (radio, multicast)
 *                         rather than one peer (a connection)
 */
public record LinkProfile(int mtu, double packetsPerSecond, boolean broadcast) {
    /** Largest packet tinySSB sends: log entries and side-chain chunks. */
    public static final int TINYSSB_PACKET = org.tinyssb.api.Wire.PACKET_LENGTH;

    public LinkProfile {
        if (mtu < TINYSSB_PACKET) {
            throw new IllegalArgumentException("a tinySSB link carries packets of "
                    + TINYSSB_PACKET + " bytes, MTU " + mtu + " is too small");
        }
        if (!(packetsPerSecond > 0)) {
            throw new IllegalArgumentException("packets per second must be positive: "
                    + packetsPerSecond);
        }
    }

    /** A point-to-point socket: no pacing needed. */
    public static LinkProfile stream(int mtu) {
        return new LinkProfile(mtu, Double.POSITIVE_INFINITY, false);
    }
}
