package org.tinyssb.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.EntryRejectedException.Reason;
import org.tinyssb.testkit.Vectors;

/** negative.json: every packet the reference refuses is refused here too, with a fitting reason. */
class NegativeVectorsTest {
    private static final JsonObject NEGATIVE = Vectors.load("negative.json");
    private static final JsonObject FEED = Vectors.load("feed_alice.json");

    @Test
    void everyNegativeCaseIsRefused() throws CodecException {
        FeedId alice = FeedId.of(Vectors.hex(NEGATIVE, "feed_id"));
        VerifyingKey key = VerifyingKey.of(alice);
        Set<Reason> seen = EnumSet.noneOf(Reason.class);
        int cases = 0;
        for (JsonElement e : NEGATIVE.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            assertFalse(c.get("reference_accepts").getAsBoolean());
            byte[] packet = Vectors.hex(c, "packet");
            long seq = c.get("seq").getAsLong();
            String why = c.get("why").getAsString();
            if (c.get("kind").getAsString().equals("entry")) {
                // the receiver holds alice's feed empty, so every entry it checks links to the genesis
                // prev; the packet is offered as entry seq (as the reference's ingest_entry_pkt does)
                EntryRejectedException r = assertThrows(EntryRejectedException.class,
                        () -> Entries.verify(key, seq, EntryName.genesisPrev(alice), packet), why);
                seen.add(r.reason());
            } else {
                byte[] expected = expectedFirstChunkHash(seq);
                assertFalse(Arrays.equals(expected, SideChain.hash(packet)), why);
            }
            cases++;
        }
        assertEquals(7, cases);
        assertEquals(EnumSet.of(Reason.BAD_SIGNATURE, Reason.DMX_MISMATCH), seen);
    }

    /** The chunk hash a receiver holding alice's entries 1..seq arms for entry seq's first chunk. */
    private static byte[] expectedFirstChunkHash(long seq) throws CodecException {
        for (JsonElement e : FEED.getAsJsonArray("entries")) {
            JsonObject entry = e.getAsJsonObject();
            if (entry.get("seq").getAsLong() == seq) {
                return ChainHeader.of(Vectors.hex(entry, "packet")).firstPointer();
            }
        }
        throw new AssertionError("no entry " + seq);
    }
}
