package org.tinyssb.codec;

import java.util.Arrays;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.EntryRejectedException.Reason;

/**
 * Log entry packets: {@code dmx (7) || type (1) || payload (48) || signature (64)}, 120 bytes.
 * The signature covers the entry's name followed by the first 56 bytes of the packet.
 */
public final class Entries {
    public static final int PACKET_LENGTH = org.tinyssb.api.Wire.PACKET_LENGTH;
    public static final int TYPE_OFFSET = org.tinyssb.api.Wire.DMX_LENGTH;
    public static final int PAYLOAD_OFFSET = 8;
    public static final int PAYLOAD_LENGTH = 48;
    public static final int SIGNED_LENGTH = PAYLOAD_OFFSET + PAYLOAD_LENGTH; // 56
    public static final int SIGNATURE_OFFSET = SIGNED_LENGTH;
    /** Length of message ids and hash pointers. */
    public static final int HASH_LENGTH = org.tinyssb.api.Wire.HASH_LENGTH;
    /** 48 bytes of content in the entry itself. */
    public static final int TYPE_PLAIN48 = 0x00;
    /** Content length, first content bytes and a pointer to a side chain of chunks. */
    public static final int TYPE_CHAIN20 = 0x01;

    private Entries() {
    }

    /** DMX of entry {@code seq} of {@code feed} whose predecessor has message id {@code prev}. */
    public static byte[] dmx(FeedId feed, long seq, byte[] prev) {
        return Sha256.truncated(Dmx.LENGTH, EntryName.of(feed, seq, prev));
    }

    /** Signs a new entry: {@code prev} is the message id of entry {@code seq - 1} (or the genesis prev). */
    public static LogEntry sign(SigningKey key, long seq, byte[] prev, int type, byte[] payload) {
        if (payload.length != PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("payload has " + payload.length + " bytes, not 48");
        }
        if (type != TYPE_PLAIN48 && type != TYPE_CHAIN20) {
            throw new IllegalArgumentException("unknown entry type " + type);
        }
        byte[] name = EntryName.of(key.feedId(), seq, prev);
        byte[] packet = new byte[PACKET_LENGTH];
        System.arraycopy(Sha256.truncated(Dmx.LENGTH, name), 0, packet, 0, Dmx.LENGTH);
        packet[TYPE_OFFSET] = (byte) type;
        System.arraycopy(payload, 0, packet, PAYLOAD_OFFSET, PAYLOAD_LENGTH);
        byte[] signed = concat(name, packet, SIGNED_LENGTH);
        System.arraycopy(key.sign(signed), 0, packet, SIGNATURE_OFFSET, SigningKey.SIGNATURE_LENGTH);
        return new LogEntry(key.feedId(), seq, packet, messageId(name, packet));
    }

    /**
     * Accepts {@code packet} as entry {@code seq} of the verifying key's feed, or says why not.
     * Checks, in this order: length, DMX, type, content header (chain20), signature.
     */
    public static LogEntry verify(VerifyingKey key, long seq, byte[] prev, byte[] packet)
            throws EntryRejectedException {
        if (packet.length != PACKET_LENGTH) {
            throw new EntryRejectedException(Reason.WRONG_LENGTH,
                    "entry packet of " + packet.length + " bytes, not 120");
        }
        byte[] name = EntryName.of(key.feedId(), seq, prev);
        byte[] dmx = Sha256.truncated(Dmx.LENGTH, name);
        if (!Arrays.equals(dmx, 0, Dmx.LENGTH, packet, 0, Dmx.LENGTH)) {
            throw new EntryRejectedException(Reason.DMX_MISMATCH,
                    "DMX is not the one of " + key.feedId().shortId() + "#" + seq);
        }
        int type = packet[TYPE_OFFSET] & 0xFF;
        if (type != TYPE_PLAIN48 && type != TYPE_CHAIN20) {
            throw new EntryRejectedException(Reason.UNKNOWN_TYPE, "unknown entry type " + type);
        }
        if (type == TYPE_CHAIN20) {
            try {
                ChainHeader.of(packet);
            } catch (CodecException e) {
                throw new EntryRejectedException(Reason.BAD_CONTENT_HEADER, e.getMessage());
            }
        }
        if (!key.verify(concat(name, packet, SIGNED_LENGTH), 0, EntryName.LENGTH + SIGNED_LENGTH,
                packet, SIGNATURE_OFFSET)) {
            throw new EntryRejectedException(Reason.BAD_SIGNATURE,
                    "signature of " + key.feedId().shortId() + "#" + seq + " does not verify");
        }
        return new LogEntry(key.feedId(), seq, packet.clone(), messageId(name, packet));
    }

    /** {@code sha256(name || packet)[:20]}. */
    public static byte[] messageId(byte[] name, byte[] packet) {
        return Sha256.truncated(HASH_LENGTH, name, packet);
    }

    private static byte[] concat(byte[] name, byte[] packet, int packetBytes) {
        byte[] out = Arrays.copyOf(name, name.length + packetBytes);
        System.arraycopy(packet, 0, out, name.length, packetBytes);
        return out;
    }
}
