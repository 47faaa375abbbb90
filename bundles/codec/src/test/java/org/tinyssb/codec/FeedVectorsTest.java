package org.tinyssb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.testkit.Vectors;

/**
 * feed_alice.json: alice's 12 entries re-made from her seed byte for byte (names, DMX, packets,
 * message ids, side chains), verified, and their contents read back; the frontier file decodes.
 */
class FeedVectorsTest {
    private static final JsonObject FEED = Vectors.load("feed_alice.json");
    private static final SigningKey ALICE = SigningKey.fromSeed(Vectors.hex(FEED, "seed"));

    private static List<JsonObject> entries() {
        List<JsonObject> list = new ArrayList<>();
        for (JsonElement e : FEED.getAsJsonArray("entries")) {
            list.add(e.getAsJsonObject());
        }
        return list;
    }

    private static List<byte[]> chunks(JsonObject entry) {
        List<byte[]> chunks = new ArrayList<>();
        if (entry.has("chunks")) {
            entry.getAsJsonArray("chunks").forEach(c -> chunks.add(Vectors.hex(c.getAsString())));
        }
        return chunks;
    }

    @Test
    void signingAlicesContentsReproducesEveryPacketAndChunk() {
        FeedId alice = FeedId.of(Vectors.hex(FEED, "feed_id"));
        assertEquals(alice, ALICE.feedId());
        byte[] prev = EntryName.genesisPrev(alice);
        List<JsonObject> entries = entries();
        assertEquals(12, entries.size());
        for (JsonObject e : entries) {
            long seq = e.get("seq").getAsLong();
            String at = "entry " + seq;
            assertArrayEquals(Vectors.hex(e, "prev"), prev, at + " prev");
            assertArrayEquals(Vectors.hex(e, "name"), EntryName.of(alice, seq, prev), at + " name");
            assertArrayEquals(Vectors.hex(e, "dmx"), Entries.dmx(alice, seq, prev), at + " dmx");

            byte[] content = Vectors.hex(e, "content");
            EntryContentCodec.Encoded encoded = EntryContentCodec.encode(content);
            assertEquals(e.get("type").getAsInt(), encoded.type(), at + " type");
            LogEntry entry = Entries.sign(ALICE, seq, prev, encoded.type(), encoded.payload());
            assertEquals(Vectors.toHex(Vectors.hex(e, "packet")), Vectors.toHex(entry.packet()), at + " packet");
            assertArrayEquals(Vectors.hex(e, "msg_id"), entry.messageId(), at + " msg id");

            List<byte[]> expectedChunks = chunks(e);
            assertEquals(expectedChunks.size(), encoded.chunks().size(), at + " chunk count");
            for (int i = 0; i < expectedChunks.size(); i++) {
                assertArrayEquals(expectedChunks.get(i), encoded.chunks().get(i), at + " chunk " + i);
            }
            if (e.has("first_chunk_ptr")) {
                assertArrayEquals(Vectors.hex(e, "first_chunk_ptr"), SideChain.firstPointer(encoded.chunks()));
            }
            prev = entry.messageId();
        }
        assertArrayEquals(Vectors.hex(FEED, "next_dmx"), Entries.dmx(alice, 13, prev), "DMX armed for entry 13");
    }

    @Test
    void everyPacketVerifiesAndItsContentReadsBack() throws CodecException {
        FeedId alice = FeedId.of(Vectors.hex(FEED, "feed_id"));
        VerifyingKey key = VerifyingKey.of(alice);
        byte[] prev = EntryName.genesisPrev(alice);
        for (JsonObject e : entries()) {
            long seq = e.get("seq").getAsLong();
            byte[] packet = Vectors.hex(e, "packet");
            LogEntry entry = Entries.verify(key, seq, prev, packet);
            List<byte[]> chunks = chunks(e);
            byte[] content = Vectors.hex(e, "content");
            assertEquals(e.get("content_len").getAsLong(), EntryContentCodec.declaredLength(packet));
            assertArrayEquals(content, EntryContentCodec.decode(packet, chunks), "content of " + seq);
            if (entry.type() == Entries.TYPE_CHAIN20) {
                ChainHeader h = ChainHeader.of(packet);
                assertEquals(chunks.size(), h.chunkCount());
                // the hash chain links up and ends in zeros
                byte[] expected = h.firstPointer();
                for (byte[] c : chunks) {
                    assertArrayEquals(expected, SideChain.hash(c));
                    expected = SideChain.nextPointer(c);
                }
                assertTrue(SideChain.isNullPointer(expected), "chain of " + seq + " ends in zeros");
                // with only the first k chunks, the content held is a prefix of the full one
                for (int k = 0; k < chunks.size(); k++) {
                    byte[] part = EntryContentCodec.decode(packet, chunks.subList(0, k));
                    assertArrayEquals(java.util.Arrays.copyOf(content, part.length), part);
                    assertEquals(Math.min(content.length, h.inline().length + 100 * k), part.length);
                }
            }
            prev = entry.messageId();
        }
    }

    @Test
    void frontierFileIsBipfAndReEncodesByteForByte() throws BipfException {
        byte[] frontier = Vectors.hex(FEED, "frontier_bin");
        Object decoded = Bipf.decode(frontier);
        Object expected = TaggedValues.toJava(FEED.get("frontier_decoded"));
        assertArrayEquals(Bipf.encode(expected), Bipf.encode(decoded));
        assertArrayEquals(frontier, Bipf.encode(decoded));
        Map<?, ?> map = (Map<?, ?>) decoded;
        assertEquals(12L, map.get("max_seq"));
        assertEquals((long) Vectors.hex(FEED, "log_bin").length, map.get("max_pos"));
    }
}
