package org.tinyssb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.testkit.Vectors;

/** goset.json: states, claim packets, WANT/CHNK DMX and vector packets for sets of 1..20 feeds. */
class GoSetVectorsTest {
    private static final JsonObject GOSET = Vectors.load("goset.json");

    @Test
    void gosetDmxIsTheReferenceOne() {
        assertArrayEquals(Vectors.hex(GOSET, "goset_dmx"), Dmx.goset());
    }

    @Test
    void everySetGivesTheReferenceStateClaimDmxAndVectors() throws CodecException {
        int sets = 0;
        for (JsonElement e : GOSET.getAsJsonArray("sets")) {
            JsonObject set = e.getAsJsonObject();
            List<FeedId> keys = new ArrayList<>();
            set.getAsJsonArray("keys_sorted").forEach(k -> keys.add(FeedId.parse(k.getAsString())));
            String at = keys.size() + " keys";
            List<FeedId> sorted = new ArrayList<>(keys);
            sorted.sort(null);
            assertEquals(keys, sorted, at + ": FeedId order is the GOset order");

            byte[] state = GoSetMessage.xor(keys);
            assertArrayEquals(Vectors.hex(set, "state"), state, at);
            GoSetMessage.Claim claim = new GoSetMessage.Claim(keys.get(0), keys.get(keys.size() - 1), state,
                    keys.size());
            byte[] packet = Vectors.hex(set, "claim_packet");
            assertEquals(set.get("claim_packet_len").getAsInt(), packet.length);
            assertEquals(Vectors.toHex(packet), Vectors.toHex(claim.encode()), at);
            assertEquals(claim, GoSetMessage.decode(packet), at);

            byte[] wantDmx = Dmx.want(state);
            byte[] chnkDmx = Dmx.chunk(state);
            assertArrayEquals(Vectors.hex(set, "want_dmx"), wantDmx, at);
            assertArrayEquals(Vectors.hex(set, "chnk_dmx"), chnkDmx, at);

            List<Long> want = new ArrayList<>();
            set.getAsJsonArray("want_list").forEach(x -> want.add(x.getAsLong()));
            WantVector wv = new WantVector(want.get(0).intValue(), want.subList(1, want.size()));
            byte[] wantPacket = Vectors.hex(set, "want_packet");
            assertEquals(Vectors.toHex(wantPacket), Vectors.toHex(wv.encode(wantDmx)), at);
            assertEquals(wv, WantVector.decode(wantPacket), at);

            List<ChunkVector.Request> requests = new ArrayList<>();
            set.getAsJsonArray("chnk_list").forEach(x -> requests.add(new ChunkVector.Request(
                    x.getAsJsonArray().get(0).getAsInt(), x.getAsJsonArray().get(1).getAsLong(),
                    x.getAsJsonArray().get(2).getAsInt())));
            ChunkVector cv = new ChunkVector(requests);
            byte[] chnkPacket = Vectors.hex(set, "chnk_packet");
            assertEquals(Vectors.toHex(chnkPacket), Vectors.toHex(cv.encode(chnkDmx)), at);
            assertEquals(cv, ChunkVector.decode(chnkPacket), at);
            sets++;
        }
        assertEquals(5, sets);
    }

    @Test
    void theMissingMiddleKeyIsTheXorOfTheClaimAndItsEnds() {
        JsonObject m = GOSET.getAsJsonObject("missing_middle");
        FeedId lo = FeedId.of(Vectors.hex(m, "lo"));
        FeedId hi = FeedId.of(Vectors.hex(m, "hi"));
        byte[] middle = Vectors.hex(m, "xor_of_3");
        GoSetMessage.xorInto(middle, lo);
        GoSetMessage.xorInto(middle, hi);
        assertArrayEquals(Vectors.hex(m, "middle"), middle);
    }

    @Test
    void theFirmwaresZapPacketIsRecognisedAsWhatItAsks() throws CodecException {
        // struct zap_s { char typ; unsigned char key[32]; int32_t ndx; } after the DMX: the
        // compiler pads three bytes before ndx, which the firmware sends in network order
        byte[] packet = new byte[47];
        System.arraycopy(Dmx.goset(), 0, packet, 0, 7);
        packet[7] = 'z';
        for (int i = 0; i < 32; i++) {
            packet[8 + i] = (byte) (0xA0 + i);
        }
        packet[43] = packet[44] = packet[45] = packet[46] = (byte) 0xFF;
        GoSetMessage.Zap everything = assertInstanceOf(GoSetMessage.Zap.class, GoSetMessage.decode(packet));
        assertTrue(everything.everything());
        assertEquals((byte) 0xA0, everything.nonce()[0]);
        assertArrayEquals(packet, everything.encode());

        packet[43] = packet[44] = packet[45] = 0;
        packet[46] = 2;
        GoSetMessage.Zap one = assertInstanceOf(GoSetMessage.Zap.class, GoSetMessage.decode(packet));
        assertEquals(2, one.index());
        assertThrows(CodecException.class, () -> GoSetMessage.decode(java.util.Arrays.copyOf(packet, 46)));
    }

    @Test
    void noveltyRoundTripsAndMalformedGosetPacketsAreRefused() throws CodecException {
        FeedId key = FeedId.of(new byte[32]);
        byte[] novelty = new GoSetMessage.Novelty(key).encode();
        assertEquals(40, novelty.length);
        assertInstanceOf(GoSetMessage.Novelty.class, GoSetMessage.decode(novelty));

        byte[] claim = Vectors.hex(GOSET.getAsJsonArray("sets").get(1).getAsJsonObject(), "claim_packet");
        assertThrows(CodecException.class, () -> GoSetMessage.decode(java.util.Arrays.copyOf(claim, 104)));
        byte[] zeroCount = claim.clone();
        zeroCount[104] = 0;
        assertThrows(CodecException.class, () -> GoSetMessage.decode(zeroCount));
        byte[] swapped = claim.clone();
        System.arraycopy(claim, 8, swapped, 40, 32);
        System.arraycopy(claim, 40, swapped, 8, 32);
        assertThrows(CodecException.class, () -> GoSetMessage.decode(swapped), "lo above hi");
        byte[] wrongTag = claim.clone();
        wrongTag[7] = 'x';
        assertThrows(CodecException.class, () -> GoSetMessage.decode(wrongTag));
    }

    @Test
    void malformedVectorsAreRefused() {
        byte[] dmx = Dmx.want(new byte[32]);
        assertThrows(CodecException.class, () -> WantVector.decode(dmx), "no body");
        assertThrows(CodecException.class, () -> WantVector.decode(Vectors.hex(Vectors.toHex(dmx) + "04")),
                "empty list");
        assertThrows(CodecException.class, () -> WantVector.decode(Vectors.hex(Vectors.toHex(dmx) + "0861")),
                "not a list");
        assertThrows(CodecException.class,
                () -> WantVector.decode(Vectors.hex(Vectors.toHex(dmx) + "140a000861")), "string seq");
        assertThrows(CodecException.class,
                () -> ChunkVector.decode(Vectors.hex(Vectors.toHex(dmx) + "140c0a000a01")), "pair, not triple");
    }
}
