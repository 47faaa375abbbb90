package org.tinyssb.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VarintTest {
    @Test
    void roundTripsAtEveryLengthBoundary() throws CodecException {
        long[] values = {0, 1, 127, 128, 300, 16383, 16384, Integer.MAX_VALUE, Long.MAX_VALUE, -1L};
        int[] lengths = {1, 1, 1, 2, 2, 2, 3, 5, 9, 10};
        for (int i = 0; i < values.length; i++) {
            byte[] e = Varint.encode(values[i]);
            assertEquals(lengths[i], e.length, "length of " + Long.toUnsignedString(values[i]));
            Varint.Decoded d = Varint.decode(e, 0, e.length);
            assertEquals(values[i], d.value());
            assertEquals(e.length, d.length());
        }
        assertEquals("ac02", java.util.HexFormat.of().formatHex(Varint.encode(300)));
    }

    @Test
    void truncatedOrOverlongInputIsRefused() {
        assertThrows(CodecException.class, () -> Varint.decode(new byte[] {(byte) 0x80}, 0, 1));
        assertThrows(CodecException.class, () -> Varint.decode(new byte[0], 0, 0));
        byte[] eleven = new byte[11];
        java.util.Arrays.fill(eleven, (byte) 0x80);
        assertThrows(CodecException.class, () -> Varint.decode(eleven, 0, 11));
        byte[] tooBig = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x02};
        assertThrows(CodecException.class, () -> Varint.decode(tooBig, 0, tooBig.length));
        byte[] limited = {(byte) 0x81, 0x01};
        assertThrows(CodecException.class, () -> Varint.decode(limited, 0, 1), "limit respected");
    }
}
