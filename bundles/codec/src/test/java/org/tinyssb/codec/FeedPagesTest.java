package org.tinyssb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;

/** Feed pages (docs/protocol-extensions.md): exact bytes, at most one packet, bad input refused. */
class FeedPagesTest {
    private static FeedId feed(int i) {
        return FeedId.of(Sha256.digest(("feed-" + i).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRequestIsDmxEpochOrderCursorAndPages() throws CodecException {
        byte[] p = new FeedPages.Request(0xA1B2C3D4L, FeedPages.Order.OLDER, 0xFFFF_FFFFL, 32).encode();
        assertEquals(17, p.length);
        assertArrayEquals(Sha256.truncated(7, Dmx.PREFIX, "feeds-req".getBytes(StandardCharsets.US_ASCII)),
                Arrays.copyOf(p, 7));
        assertArrayEquals(new byte[] {(byte) 0xA1, (byte) 0xB2, (byte) 0xC3, (byte) 0xD4, 'o', -1, -1, -1, -1, 32},
                Arrays.copyOfRange(p, 7, 17));
        assertEquals(new FeedPages.Request(0xA1B2C3D4L, FeedPages.Order.OLDER, 0xFFFF_FFFFL, 32),
                FeedPages.decodeRequest(p));
    }

    @Test
    void threeRowsFillOnePacketExactly() throws CodecException {
        List<FeedPages.Row> rows = List.of(new FeedPages.Row(feed(1), 1), new FeedPages.Row(feed(2), 300),
                new FeedPages.Row(feed(3), Integer.MAX_VALUE));
        FeedPages.Page page = new FeedPages.Page(FeedPages.Order.NEWER, true, false, 77, rows);
        byte[] p = page.encode();
        assertEquals(120, p.length);
        assertArrayEquals(Sha256.truncated(7, Dmx.PREFIX, "feeds-page".getBytes(StandardCharsets.US_ASCII)),
                Arrays.copyOf(p, 7));
        assertEquals(3 | 0x08 | 0x20, p[7], "three rows, newer, the end (and so the last page of the answer)");
        assertArrayEquals(new byte[] {0, 0, 0, 77}, Arrays.copyOfRange(p, 8, 12));
        assertArrayEquals(feed(1).toBytes(), Arrays.copyOfRange(p, 12, 44));
        assertArrayEquals(new byte[] {0, 0, 1, 44}, Arrays.copyOfRange(p, 80, 84), "300, big-endian");
        assertEquals(page, FeedPages.decodeAnswer(p));
        FeedPages.Page empty = new FeedPages.Page(FeedPages.Order.OLDER, false, true, 5, List.of());
        assertEquals(12, empty.encode().length);
        assertEquals(0x04 | 0x20, empty.encode()[7], "older, the last page, not the end");
        assertEquals(empty, FeedPages.decodeAnswer(empty.encode()));
    }

    @Test
    void anEpochPacketNamesTheEpochAndTheTop() throws CodecException {
        byte[] p = new FeedPages.Epoch(9, 1_000).encode();
        assertEquals(16, p.length);
        assertEquals(0x10, p[7]);
        assertEquals(new FeedPages.Epoch(9, 1_000), FeedPages.decodeAnswer(p));
        assertThrows(IllegalArgumentException.class, () -> new FeedPages.Epoch(0, 1));
    }

    @Test
    void malformedPacketsAreRefusedWithAReason() {
        byte[] request = new FeedPages.Request(1, FeedPages.Order.NEWER, 0, 1).encode();
        assertThrows(CodecException.class, () -> FeedPages.decodeRequest(Arrays.copyOf(request, 16)));
        byte[] badOrder = request.clone();
        badOrder[11] = 'x';
        assertThrows(CodecException.class, () -> FeedPages.decodeRequest(badOrder));
        byte[] noPages = request.clone();
        noPages[16] = 0;
        assertThrows(CodecException.class, () -> FeedPages.decodeRequest(noPages));
        byte[] tooMany = request.clone();
        tooMany[16] = 33;
        assertThrows(CodecException.class, () -> FeedPages.decodeRequest(tooMany));

        byte[] page = new FeedPages.Page(FeedPages.Order.NEWER, false, false, 1, List.of(new FeedPages.Row(feed(1), 2)))
                .encode();
        assertThrows(CodecException.class, () -> FeedPages.decodeAnswer(Arrays.copyOf(page, page.length - 1)));
        byte[] countLies = page.clone();
        countLies[7] = 2;
        assertThrows(CodecException.class, () -> FeedPages.decodeAnswer(countLies));
        byte[] zeroHeight = page.clone();
        Arrays.fill(zeroHeight, 44, 48, (byte) 0);
        assertThrows(CodecException.class, () -> FeedPages.decodeAnswer(zeroHeight));
        byte[] hugeHeight = page.clone();
        hugeHeight[44] = (byte) 0x80;
        assertThrows(CodecException.class, () -> FeedPages.decodeAnswer(hugeHeight));
        byte[] unknownFlag = page.clone();
        unknownFlag[7] |= 0x40;
        assertThrows(CodecException.class, () -> FeedPages.decodeAnswer(unknownFlag));
        byte[] epochZero = new FeedPages.Epoch(1, 1).encode();
        Arrays.fill(epochZero, 8, 12, (byte) 0);
        assertThrows(CodecException.class, () -> FeedPages.decodeAnswer(epochZero));
        assertThrows(CodecException.class, () -> FeedPages.decodeAnswer(new byte[121]));
    }

    @Test
    void randomBytesAreDecodedOrRefusedNeverThrownAtAnythingElse() {
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            byte[] p = new byte[random.nextInt(130)];
            random.nextBytes(p);
            try {
                FeedPages.decodeAnswer(p);
            } catch (CodecException e) {
                assertTrue(e.getMessage() != null);
            }
            try {
                FeedPages.decodeRequest(p);
            } catch (CodecException e) {
                assertTrue(e.getMessage() != null);
            }
        }
    }
}
