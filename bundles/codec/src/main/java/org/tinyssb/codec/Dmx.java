package org.tinyssb.codec;

import java.nio.charset.StandardCharsets;

/**
 * DMX values: the 7-byte packet prefixes by which a receiver recognises a packet it expects
 * without any ids on the wire.
 */
public final class Dmx {
    public static final int LENGTH = org.tinyssb.api.Wire.DMX_LENGTH;
    /** Prefix of every DMX name but the GOset's: ASCII {@code tinyssb-v0}. */
    public static final byte[] PREFIX = "tinyssb-v0".getBytes(StandardCharsets.US_ASCII);
    /** DMX of GOset packets: {@code sha256("tinySSB-0.1 GOset 1")[:7]} (no prefix). */
    private static final byte[] GOSET =
            Sha256.truncated(LENGTH, "tinySSB-0.1 GOset 1".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] WANT = "want".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BLOB = "blob".getBytes(StandardCharsets.US_ASCII);
    /** DMX of WANT-by-id vectors, an extension of this node (see docs/protocol-extensions.md). */
    private static final byte[] WANT_BY_ID = Sha256.truncated(LENGTH, PREFIX,
            "want-by-id".getBytes(StandardCharsets.US_ASCII));
    /** DMX of CHNK-by-id vectors, the same extension. */
    private static final byte[] CHUNK_BY_ID = Sha256.truncated(LENGTH, PREFIX,
            "blob-by-id".getBytes(StandardCharsets.US_ASCII));

    /** DMX of feed page requests, an extension of this node ({@link FeedPages}). */
    private static final byte[] FEEDS_REQUEST = Sha256.truncated(LENGTH, PREFIX,
            "feeds-req".getBytes(StandardCharsets.US_ASCII));
    /** DMX of feed pages and epoch packets. */
    private static final byte[] FEEDS_PAGE = Sha256.truncated(LENGTH, PREFIX,
            "feeds-page".getBytes(StandardCharsets.US_ASCII));

    /** Peer beacons of the 2025 ESP32 firmware: {@code sha256("peers 1.0 request")[:7]} and {@code "... reply"}. */
    private static final byte[] PEERS_REQUEST =
            Sha256.truncated(LENGTH, "peers 1.0 request".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] PEERS_REPLY =
            Sha256.truncated(LENGTH, "peers 1.0 reply".getBytes(StandardCharsets.US_ASCII));
    /** The {@code main} firmware's management plane: {@code sha256("tinySSB-0.1 mgmt 1")[:7]}. */
    private static final byte[] MGMT = Sha256.truncated(LENGTH, "tinySSB-0.1 mgmt 1".getBytes(StandardCharsets.US_ASCII));

    private Dmx() {
    }

    public static byte[] peersRequest() {
        return PEERS_REQUEST.clone();
    }

    public static byte[] peersReply() {
        return PEERS_REPLY.clone();
    }

    public static byte[] mgmt() {
        return MGMT.clone();
    }

    /** A copy of the GOset DMX. */
    public static byte[] goset() {
        return GOSET.clone();
    }

    /** DMX of WANT vectors among peers whose GOset has {@code state} (XOR of its keys). */
    public static byte[] want(byte[] gosetState) {
        return Sha256.truncated(LENGTH, PREFIX, WANT, gosetState);
    }

    /** DMX of CHNK vectors among peers whose GOset has {@code state}. */
    public static byte[] chunk(byte[] gosetState) {
        return Sha256.truncated(LENGTH, PREFIX, BLOB, gosetState);
    }

    /** DMX of WANT-by-id vectors: {@code sha256("tinyssb-v0" || "want-by-id")[:7]}; independent of any GOset. */
    public static byte[] wantById() {
        return WANT_BY_ID.clone();
    }

    /** DMX of CHNK-by-id vectors: {@code sha256("tinyssb-v0" || "blob-by-id")[:7]}. */
    public static byte[] chunkById() {
        return CHUNK_BY_ID.clone();
    }

    /** DMX of feed page requests: {@code sha256("tinyssb-v0" || "feeds-req")[:7]}; independent of any GOset. */
    public static byte[] feedsRequest() {
        return FEEDS_REQUEST.clone();
    }

    /** DMX of feed pages and epoch packets: {@code sha256("tinyssb-v0" || "feeds-page")[:7]}. */
    public static byte[] feedsPage() {
        return FEEDS_PAGE.clone();
    }

    /** The 7 bytes as a {@code long}, a compact hash-map key. */
    public static long key(byte[] dmx) {
        return key(dmx, 0);
    }

    /** The 7 bytes at {@code offset} of {@code packet} as a {@code long}. */
    public static long key(byte[] packet, int offset) {
        return BigEndian.get(packet, offset, LENGTH);
    }
}
