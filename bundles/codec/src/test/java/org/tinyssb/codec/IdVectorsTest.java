package org.tinyssb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;

/** The vectors by id (docs/protocol-extensions.md): exact bytes, one packet, bad input refused. */
class IdVectorsTest {
    private static final FeedId FEED = FeedId.of(Sha256.digest("feed".getBytes(StandardCharsets.UTF_8)));

    @Test
    void aWantByIdIsDmxCountAndPrefixSeqRows() throws CodecException {
        long prefix = IdVectors.prefix(FEED);
        assertEquals(Arrays.toString(Arrays.copyOf(FEED.toBytes(), 8)), Arrays.toString(
                java.nio.ByteBuffer.allocate(8).putLong(prefix).array()), "the first 8 bytes of the id");
        byte[] p = IdVectors.encodeWants(List.of(new IdVectors.Want(prefix, 300)));
        assertEquals(7 + 1 + 12, p.length);
        assertArrayEquals(Sha256.truncated(7, Dmx.PREFIX, "want-by-id".getBytes(StandardCharsets.US_ASCII)),
                Arrays.copyOf(p, 7));
        assertEquals(1, p[7]);
        assertArrayEquals(Arrays.copyOf(FEED.toBytes(), 8), Arrays.copyOfRange(p, 8, 16));
        assertArrayEquals(new byte[] {0, 0, 1, 44}, Arrays.copyOfRange(p, 16, 20), "300, big-endian");
        assertEquals(List.of(new IdVectors.Want(prefix, 300)), IdVectors.decodeWants(p));
    }

    @Test
    void nineWantsAndEightChunkRequestsFitOnePacket() throws CodecException {
        List<IdVectors.Want> wants = java.util.stream.IntStream.rangeClosed(1, 9)
                .mapToObj(i -> new IdVectors.Want(i, i)).toList();
        byte[] w = IdVectors.encodeWants(wants);
        assertTrue(w.length <= 120, w.length + " bytes");
        assertEquals(wants, IdVectors.decodeWants(w));
        List<IdVectors.ChunkRequest> chunks = java.util.stream.IntStream.rangeClosed(1, 8)
                .mapToObj(i -> new IdVectors.ChunkRequest(-i, i, 65_535)).toList();
        byte[] c = IdVectors.encodeChunkRequests(chunks);
        assertEquals(120, c.length);
        assertEquals(chunks, IdVectors.decodeChunkRequests(c));
        assertThrows(IllegalArgumentException.class, () -> IdVectors.encodeWants(
                java.util.Collections.nCopies(10, new IdVectors.Want(1, 1))));
    }

    @Test
    void malformedPacketsAreRefusedWithAReason() {
        byte[] good = IdVectors.encodeWants(List.of(new IdVectors.Want(1, 1), new IdVectors.Want(2, 2)));
        byte[] cut = Arrays.copyOf(good, good.length - 1);
        assertThrows(CodecException.class, () -> IdVectors.decodeWants(cut));
        byte[] zero = good.clone();
        zero[7] = 0;
        assertThrows(CodecException.class, () -> IdVectors.decodeWants(zero));
        byte[] huge = good.clone();
        huge[7 + 1 + 8] = (byte) 0x80; // a sequence number of 2^31 and more: not a number the firmware could read
        assertThrows(CodecException.class, () -> IdVectors.decodeWants(huge));
        byte[] noSeq = good.clone();
        Arrays.fill(noSeq, 16, 20, (byte) 0);
        assertThrows(CodecException.class, () -> IdVectors.decodeWants(noSeq));
        assertThrows(CodecException.class, () -> IdVectors.decodeChunkRequests(new byte[7]));
    }
}
