package org.tinyssb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KissTest {
    private final List<byte[]> frames = new ArrayList<>();
    private final List<String> discarded = new ArrayList<>();
    private final Kiss.Decoder decoder = new Kiss.Decoder(130, new Kiss.FrameSink() {
        @Override
        public void frame(byte[] payload) {
            frames.add(payload);
        }

        @Override
        public void discarded(String reason, int bytes) {
            discarded.add(reason + ":" + bytes);
        }
    });

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private void feed(byte[] b) {
        decoder.feed(b, 0, b.length);
    }

    @Test
    void fendAndFescInsideAreEscapedAsKissSpecifies() {
        assertArrayEquals(hex("c0 01 dbdc 02 dbdd 03 c0"), Kiss.encode(hex("01 c0 02 db 03")));
        assertArrayEquals(hex("c0 c0"), Kiss.encode(new byte[0]));
    }

    @Test
    void framesComeBackWhateverPiecesTheLineDeliversThemIn() {
        Random random = new Random(5);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] p = new byte[1 + random.nextInt(124)];
            random.nextBytes(p);
            p[random.nextInt(p.length)] = (byte) 0xC0; // every frame holds at least one byte to escape
            sent.add(p);
            line.writeBytes(Kiss.encode(p));
        }
        byte[] all = line.toByteArray();
        for (int at = 0; at < all.length; ) {
            int n = Math.min(all.length - at, 1 + random.nextInt(40));
            decoder.feed(all, at, n);
            at += n;
        }
        assertEquals(sent.size(), frames.size());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), frames.get(i), "frame " + i);
        }
        assertEquals(List.of(), discarded);
    }

    @Test
    void noiseBeforeTheFirstFrameAndEmptyFramesAreIgnored() {
        feed("ets Jun  8 2016 boot: 0x13\r\n".getBytes());
        feed(hex("c0 c0 c0 0a0b c0"));
        assertEquals(1, frames.size());
        assertArrayEquals(hex("0a0b"), frames.get(0));
        assertEquals(List.of(), discarded);
    }

    @Test
    void aBadEscapeOrAnOversizeFrameIsDiscardedAndTheNextFrameStillArrives() {
        feed(hex("c0 01 db 07 02 c0"));
        feed(hex("c0 01 02 db c0"));
        byte[] big = new byte[131];
        feed(Kiss.encode(big));
        feed(hex("c0 05 c0"));
        assertEquals(List.of("bad-escape:4", "bad-escape:3", "oversize:131"), discarded);
        assertEquals(1, frames.size());
        assertArrayEquals(hex("05"), frames.get(0));
    }

    @Test
    void theEsp32SerialFrameIsKissAroundPacketAndCrc() throws Exception {
        byte[] packet = new byte[120];
        new Random(9).nextBytes(packet);
        feed(Kiss.encode(Crc32Frame.frame(packet)));
        byte[] f = frames.get(0);
        assertArrayEquals(packet, Crc32Frame.unframe(f, f.length));
    }
}
