package org.tinyssb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc32FrameTest {
    @Test
    void theCrcIsZlibsInBigEndianAfterThePacket() throws CodecException {
        byte[] packet = "123456789".getBytes(StandardCharsets.US_ASCII);
        byte[] frame = Crc32Frame.frame(packet);
        // CRC-32/ISO-HDLC check value of "123456789" (zlib.crc32): 0xCBF43926
        assertEquals("313233343536373839cbf43926", java.util.HexFormat.of().formatHex(frame));
        assertArrayEquals(packet, Crc32Frame.unframe(frame, frame.length));
    }

    @Test
    void everyFlippedBitAndShortFramesAreRefused() {
        byte[] frame = Crc32Frame.frame(new byte[120]);
        for (int bit = 0; bit < frame.length * 8; bit++) {
            byte[] bad = frame.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(CodecException.class, () -> Crc32Frame.unframe(bad, bad.length), "bit " + bit);
        }
        assertThrows(CodecException.class, () -> Crc32Frame.unframe(new byte[4], 4));
        assertThrows(CodecException.class, () -> Crc32Frame.unframe(frame, frame.length - 1));
    }
}
