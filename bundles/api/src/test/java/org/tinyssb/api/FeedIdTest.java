package org.tinyssb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeedIdTest {
    private static final String ALICE_HEX =
            "d5bf4a3fcce717b0388bcc2749ebc148ad9969b23f45ee1b605fd58778576ac4";

    @Test
    void hexAndSsbFormsRoundTrip() {
        FeedId alice = FeedId.parse(ALICE_HEX);
        assertEquals(ALICE_HEX, alice.toHex());
        assertEquals("@1b9KP8znF7A4i8wnSevBSK2ZabI/Re4bYF/Vh3hXasQ=.ed25519", alice.toSsbId());
        assertEquals(alice, FeedId.parse(alice.toSsbId()));
        assertEquals("d5bf4a3f", alice.shortId());
    }

    @Test
    void ordersByUnsignedBytesLikeTheGoset() {
        byte[] low = new byte[32];
        byte[] high = new byte[32];
        low[0] = 0x7f;
        high[0] = (byte) 0x80; // negative as a signed byte, but larger unsigned
        assertTrue(FeedId.of(low).compareTo(FeedId.of(high)) < 0);
    }

    @Test
    void copiesItsInputAndOutput() {
        byte[] raw = new byte[32];
        FeedId id = FeedId.of(raw);
        raw[0] = 1;
        assertEquals(0, id.byteAt(0));
        id.toBytes()[0] = 1;
        assertEquals(0, id.byteAt(0));
        assertNotEquals(id, FeedId.of(raw));
    }

    @Test
    void malformedTextIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeedId.parse("abcd"));
        assertTrue(e.getMessage().contains("2 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeedId.parse("@not base64.ed25519"));
        assertThrows(IllegalArgumentException.class, () -> FeedId.parse("zz" + ALICE_HEX.substring(2)));
        assertThrows(IllegalArgumentException.class, () -> FeedId.of(new byte[31]));
    }
}
