package org.tinyssb.codec;

/**
 * Unsigned LEB128 varints: 7 bits per byte, least significant group first, high bit set on every
 * byte but the last. Used for BIPF headers and the content length of chain20 entries.
 */
public final class Varint {
    /** Longest encoding of a 64-bit value. */
    public static final int MAX_LENGTH = 10;

    private Varint() {
    }

    /** A decoded varint and how many bytes it took. */
    public record Decoded(long value, int length) {
    }

    /** Number of bytes {@code value} (unsigned) takes. */
    public static int length(long value) {
        int n = 1;
        while ((value >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    public static byte[] encode(long value) {
        byte[] out = new byte[length(value)];
        write(value, out, 0);
        return out;
    }

    /** Writes {@code value} at {@code offset}; returns the number of bytes written. */
    public static int write(long value, byte[] out, int offset) {
        int i = offset;
        while ((value & ~0x7FL) != 0) {
            out[i++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[i++] = (byte) value;
        return i - offset;
    }

    /**
     * Decodes the varint at {@code offset}, reading no further than {@code limit}.
     *
     * @throws CodecException if it runs past {@code limit} or does not fit 64 bits
     */
    public static Decoded decode(byte[] in, int offset, int limit) throws CodecException {
        long value = 0;
        int shift = 0;
        for (int i = offset; i < limit; i++) {
            int b = in[i] & 0xFF;
            if (shift == 63 && (b & 0x7E) != 0) {
                throw new CodecException("varint does not fit 64 bits");
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return new Decoded(value, i - offset + 1);
            }
            shift += 7;
            if (shift > 63) {
                throw new CodecException("varint longer than " + MAX_LENGTH + " bytes");
            }
        }
        throw new CodecException("varint truncated at byte " + (limit - offset) + " of its input");
    }
}
