package org.tinyssb.codec;

/** Unsigned big-endian numbers of 1 to 8 bytes at a position of a packet, as the fixed layouts use them. */
final class BigEndian {
    private BigEndian() {
    }

    /** Writes the low {@code bytes} bytes of {@code v} at {@code at}; returns the position after them. */
    static int put(byte[] p, int at, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            p[at + i] = (byte) v;
            v >>>= 8;
        }
        return at + bytes;
    }

    /** The unsigned number in the {@code bytes} bytes at {@code at}. */
    static long get(byte[] p, int at, int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (p[at + i] & 0xFF);
        }
        return v;
    }
}
