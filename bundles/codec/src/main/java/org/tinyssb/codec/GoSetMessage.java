package org.tinyssb.codec;

import java.util.Arrays;
import java.util.Collection;
import org.tinyssb.api.FeedId;

/**
 * GOset packets: a {@link Claim} about a range of the sorted set of feed ids, a {@link Novelty}
 * announcing one key, or the ESP32 firmware's {@link Zap}. All start with the GOset DMX.
 */
public sealed interface GoSetMessage permits GoSetMessage.Claim, GoSetMessage.Novelty, GoSetMessage.Zap {
    int CLAIM_LENGTH = Dmx.LENGTH + 1 + 3 * FeedId.LENGTH + 1; // 105
    int NOVELTY_LENGTH = Dmx.LENGTH + 1 + FeedId.LENGTH; // 40
    /** DMX, tag, 32-byte nonce, 3 bytes of struct padding, 4-byte index: the firmware's {@code struct zap_s}. */
    int ZAP_LENGTH = Dmx.LENGTH + 1 + 32 + 3 + 4; // 47
    byte CLAIM_TAG = 'c';
    byte NOVELTY_TAG = 'n';
    byte ZAP_TAG = 'z';
    /** The count byte's limit: no claim covers more keys. */
    int MAX_COUNT = 255;

    /** The packet, GOset DMX included. */
    byte[] encode();

    /**
     * Decodes a packet that starts with the GOset DMX.
     *
     * @throws CodecException for a wrong length, tag, DMX or an inconsistent claim
     */
    static GoSetMessage decode(byte[] packet) throws CodecException {
        if (packet.length < Dmx.LENGTH + 1
                || !Arrays.equals(packet, 0, Dmx.LENGTH, Dmx.goset(), 0, Dmx.LENGTH)) {
            throw new CodecException("not a GOset packet");
        }
        byte tag = packet[Dmx.LENGTH];
        if (tag == CLAIM_TAG && packet.length == CLAIM_LENGTH) {
            int o = Dmx.LENGTH + 1;
            FeedId lo = FeedId.of(packet, o);
            FeedId hi = FeedId.of(packet, o + FeedId.LENGTH);
            byte[] xor = Arrays.copyOfRange(packet, o + 2 * FeedId.LENGTH, o + 3 * FeedId.LENGTH);
            int count = packet[CLAIM_LENGTH - 1] & 0xFF;
            if (count == 0 || lo.compareTo(hi) > 0 || (count == 1) != lo.equals(hi)) {
                throw new CodecException("inconsistent GOset claim: count " + count
                        + (lo.compareTo(hi) > 0 ? ", lo above hi" : ", lo and hi disagree with count"));
            }
            return new Claim(lo, hi, xor, count);
        }
        if (tag == NOVELTY_TAG && packet.length == NOVELTY_LENGTH) {
            return new Novelty(FeedId.of(packet, Dmx.LENGTH + 1));
        }
        if (tag == ZAP_TAG && packet.length == ZAP_LENGTH) {
            byte[] nonce = Arrays.copyOfRange(packet, Dmx.LENGTH + 1, Dmx.LENGTH + 33);
            int o = ZAP_LENGTH - 4;
            int index = (packet[o] & 0xFF) << 24 | (packet[o + 1] & 0xFF) << 16 | (packet[o + 2] & 0xFF) << 8
                    | (packet[o + 3] & 0xFF);
            return new Zap(nonce, index);
        }
        throw new CodecException("GOset packet with tag 0x" + Integer.toHexString(tag & 0xFF)
                + " and " + packet.length + " bytes");
    }

    /** XOR of {@code keys}: the GOset state of a set (32 zero bytes for none). */
    static byte[] xor(Collection<FeedId> keys) {
        byte[] x = new byte[FeedId.LENGTH];
        for (FeedId k : keys) {
            xorInto(x, k);
        }
        return x;
    }

    /** {@code acc ^= key}. */
    static void xorInto(byte[] acc, FeedId key) {
        for (int i = 0; i < FeedId.LENGTH; i++) {
            acc[i] ^= key.byteAt(i);
        }
    }

    /**
     * A claim: the lowest and highest key of a range of the sorted set, the XOR of all keys in
     * it, and how many it holds.
     */
    record Claim(FeedId lo, FeedId hi, byte[] xor, int count) implements GoSetMessage {
        public Claim {
            if (xor.length != FeedId.LENGTH || count < 1 || count > MAX_COUNT) {
                throw new IllegalArgumentException("claim with xor of " + xor.length + " bytes, count "
                        + count);
            }
            xor = xor.clone();
        }

        @Override
        public byte[] xor() {
            return xor.clone();
        }

        /** Whether {@code xor} equals this claim's XOR. */
        public boolean xorEquals(byte[] other) {
            return Arrays.equals(xor, other);
        }

        @Override
        public byte[] encode() {
            byte[] p = new byte[CLAIM_LENGTH];
            System.arraycopy(Dmx.goset(), 0, p, 0, Dmx.LENGTH);
            int o = Dmx.LENGTH;
            p[o++] = CLAIM_TAG;
            lo.copyTo(p, o);
            hi.copyTo(p, o + FeedId.LENGTH);
            System.arraycopy(xor, 0, p, o + 2 * FeedId.LENGTH, FeedId.LENGTH);
            p[CLAIM_LENGTH - 1] = (byte) count;
            return p;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Claim c && lo.equals(c.lo) && hi.equals(c.hi) && Arrays.equals(xor, c.xor)
                    && count == c.count;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(xor) * 31 + count;
        }

        @Override
        public String toString() {
            return "Claim[" + lo.shortId() + ".." + hi.shortId() + " #" + count + "]";
        }
    }

    /** A novelty: one key the sender holds. */
    record Novelty(FeedId key) implements GoSetMessage {
        @Override
        public byte[] encode() {
            byte[] p = new byte[NOVELTY_LENGTH];
            System.arraycopy(Dmx.goset(), 0, p, 0, Dmx.LENGTH);
            p[Dmx.LENGTH] = NOVELTY_TAG;
            key.copyTo(p, Dmx.LENGTH + 1);
            return p;
        }
    }

    /**
     * The ESP32 firmware's "zap": an unauthenticated request to wipe the feed at {@code index} of
     * the sender's sorted set, or everything ({@code -1}). Decoded so that it can be recognised,
     * counted and logged; a node never obeys it.
     */
    record Zap(byte[] nonce, int index) implements GoSetMessage {
        public Zap {
            if (nonce.length != 32) {
                throw new IllegalArgumentException("zap nonce of " + nonce.length + " bytes");
            }
            nonce = nonce.clone();
        }

        /** Whether it asks to wipe everything rather than one feed. */
        public boolean everything() {
            return index == -1;
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        @Override
        public byte[] encode() {
            byte[] p = new byte[ZAP_LENGTH];
            System.arraycopy(Dmx.goset(), 0, p, 0, Dmx.LENGTH);
            p[Dmx.LENGTH] = ZAP_TAG;
            System.arraycopy(nonce, 0, p, Dmx.LENGTH + 1, 32);
            int o = ZAP_LENGTH - 4;
            p[o] = (byte) (index >>> 24);
            p[o + 1] = (byte) (index >>> 16);
            p[o + 2] = (byte) (index >>> 8);
            p[o + 3] = (byte) index;
            return p;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Zap z && index == z.index && Arrays.equals(nonce, z.nonce);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(nonce) * 31 + index;
        }

        @Override
        public String toString() {
            return "Zap[" + (everything() ? "everything" : "feed #" + index) + "]";
        }
    }
}
