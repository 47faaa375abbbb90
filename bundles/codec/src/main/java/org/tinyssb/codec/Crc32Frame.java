package org.tinyssb.codec;

import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The frame of the ESP32's LoRa, UDP and serial links: {@code packet || CRC32(packet)}, the CRC of
 * IEEE 802.3 (as zlib computes it) in 4 bytes, big-endian.
 */
public final class Crc32Frame {
    public static final int CRC_LENGTH = 4;

    private Crc32Frame() {
    }

    public static byte[] frame(byte[] packet) {
        byte[] f = Arrays.copyOf(packet, packet.length + CRC_LENGTH);
        long crc = crc(packet, packet.length);
        f[packet.length] = (byte) (crc >>> 24);
        f[packet.length + 1] = (byte) (crc >>> 16);
        f[packet.length + 2] = (byte) (crc >>> 8);
        f[packet.length + 3] = (byte) crc;
        return f;
    }

    /**
     * The packet inside {@code length} bytes of {@code frame}.
     *
     * @throws CodecException if the frame is too short or its CRC does not match
     */
    public static byte[] unframe(byte[] frame, int length) throws CodecException {
        if (length <= CRC_LENGTH) {
            throw new CodecException("frame of " + length + " bytes has no packet");
        }
        int n = length - CRC_LENGTH;
        long expected = ((frame[n] & 0xFFL) << 24) | ((frame[n + 1] & 0xFFL) << 16) | ((frame[n + 2] & 0xFFL) << 8)
                | (frame[n + 3] & 0xFFL);
        if (crc(frame, n) != expected) {
            throw new CodecException("CRC32 mismatch");
        }
        return Arrays.copyOf(frame, n);
    }

    private static long crc(byte[] data, int length) {
        CRC32 c = new CRC32();
        c.update(data, 0, length);
        return c.getValue();
    }
}
