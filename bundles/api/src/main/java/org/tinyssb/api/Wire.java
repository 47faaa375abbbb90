package org.tinyssb.api;

/**
 * The sizes of tinySSB's wire format, defined once (every other constant of these sizes refers
 * here). The whole layout of the packets, as the existing implementations speak it:
 *
 * <pre>
 * entry (120):  dmx (7) | type (1) | payload (48) | signature (64)
 *               type 0 plain48:  payload = 48 content bytes
 *               type 1 chain20:  payload = varint(length) | content .. byte 28 | pointer (20) at packet 36..55
 * chunk (120):  content (100) | pointer to the next chunk (20; zeros in the last)
 * GOset claim:  dmx (7) | 'c' | lo (32) | hi (32) | xor (32) | count (1)         = 105
 * novelty:      dmx (7) | 'n' | key (32)                                         = 40
 * WANT, CHNK:   dmx (7) | BIPF list (about 100 bytes at most)
 * dmx(seq)    = sha256("tinyssb-v0" | feed id (32) | seq (4) | prev (20))[:7]
 * msg id      = sha256(name | packet)[:20]; a chunk's hash = sha256(chunk)[:20]
 * </pre>
 *
 * The codec bundle ({@code Entries}, {@code SideChain}, {@code ChainHeader}, {@code Dmx},
 * {@code GoSetMessage}) holds the offsets next to the code that uses them.
 */
public final class Wire {
    /** Log entries and side-chain chunks; no packet on the air is longer. */
    public static final int PACKET_LENGTH = 120;
    /** Message ids, chunk hashes, pointers and {@code prev}. */
    public static final int HASH_LENGTH = 20;
    /** The demultiplexing header every packet but a chunk starts with. */
    public static final int DMX_LENGTH = 7;

    private Wire() {
    }
}
