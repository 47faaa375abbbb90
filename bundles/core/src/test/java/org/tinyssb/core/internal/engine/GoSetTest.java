package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.GoSetMessage;
import org.tinyssb.codec.GoSetMessage.Claim;
import org.tinyssb.testkit.Vectors;

class GoSetTest {
    private static FeedId key(int first) {
        byte[] b = new byte[32];
        b[0] = (byte) first;
        b[31] = 1;
        return FeedId.of(b);
    }

    @Test
    void keysStaySortedAndTheStateIsTheirXor() {
        GoSet set = new GoSet(255);
        List<FeedId> added = List.of(key(0x90), key(0x10), key(0xF0), key(0x50));
        added.forEach(set::add);
        assertEquals(List.of(key(0x10), key(0x50), key(0x90), key(0xF0)), set.view().keys());
        assertArrayEquals(GoSetMessage.xor(added), set.view().state());
        assertFalse(set.add(key(0x50)), "no duplicates");
        assertFalse(set.add(FeedId.of(new byte[32])), "never the zero key");
        assertEquals(1, set.indexOf(key(0x50)));
        assertEquals(-1, set.indexOf(key(0x51)));
    }

    @Test
    void theCapIsEnforced() {
        GoSet set = new GoSet(3);
        for (int i = 1; i <= 5; i++) {
            set.add(key(i));
        }
        assertEquals(3, set.size());
        assertTrue(set.isFull());
    }

    @Test
    void aSetBuiltFromTheVectorKeysClaimsWhatTheReferenceClaims() throws CodecException {
        JsonObject twenty = Vectors.load("goset.json").getAsJsonArray("sets").get(4).getAsJsonObject();
        GoSet set = new GoSet(255);
        List<FeedId> keys = new ArrayList<>();
        twenty.getAsJsonArray("keys_sorted").forEach(k -> keys.add(FeedId.parse(k.getAsString())));
        for (int i = keys.size() - 1; i >= 0; i--) {
            set.add(keys.get(i)); // in reverse: order of arrival must not matter
        }
        assertEquals(Vectors.toHex(Vectors.hex(twenty, "claim_packet")), Vectors.toHex(set.fullClaim().encode()));
        assertArrayEquals(Vectors.hex(twenty, "want_dmx"), set.view().wantDmx());
        assertArrayEquals(Vectors.hex(twenty, "chnk_dmx"), set.view().chunkDmx());
        Claim middle = set.claim(3, 5);
        assertEquals(3, middle.count());
        assertEquals(keys.get(3), middle.lo());
        assertEquals(keys.get(5), middle.hi());
    }

    @Test
    void aClaimOfThreeAroundTwoNeighboursGivesTheMiddleKey() {
        JsonObject m = Vectors.load("goset.json").getAsJsonObject("missing_middle");
        FeedId lo = FeedId.of(Vectors.hex(m, "lo"));
        FeedId hi = FeedId.of(Vectors.hex(m, "hi"));
        GoSet set = new GoSet(255);
        set.add(lo);
        set.add(hi);
        GoSetNegotiation.PendingClaims pending = new GoSetNegotiation.PendingClaims();
        GoSetNegotiation.onClaim(set, new Claim(lo, hi, Vectors.hex(m, "xor_of_3"), 3), pending, set::add);
        assertTrue(set.contains(FeedId.of(Vectors.hex(m, "middle"))));
        assertEquals(0, pending.size(), "settled at once, nothing pending");
    }

    @Test
    void aClaimWithUnknownEndsTeachesTheEndsAndIsKeptForTheRound() {
        GoSet set = new GoSet(255);
        set.add(key(0x50));
        GoSetNegotiation.PendingClaims pending = new GoSetNegotiation.PendingClaims();
        GoSetNegotiation.onClaim(set, new Claim(key(0x10), key(0x90), new byte[32], 5), pending, set::add);
        assertEquals(List.of(key(0x10), key(0x50), key(0x90)), set.view().keys());
        assertEquals(1, pending.size());
    }

    @Test
    void aRoundClaimsTheWholeSetAsksWhereItHasFewerAndHelpsWhereItHasMore() throws CodecException {
        GoSet set = new GoSet(255);
        for (int i = 1; i <= 6; i++) {
            set.add(key(i * 0x10)); // 10 20 30 40 50 60
        }
        GoSetNegotiation.PendingClaims pending = new GoSetNegotiation.PendingClaims();
        // the peer holds 10..60 with only 3 keys: we hold more, we help with the 4 keys inside
        pending.add(new Claim(key(0x10), key(0x60), new byte[32], 3));
        // the peer holds 10..30 with 9 keys: we hold fewer, we ask with our claim of that range
        pending.add(new Claim(key(0x10), key(0x30), new byte[32], 9));
        List<byte[]> packets = GoSetNegotiation.round(set, pending, 1, 255, 5, true);

        assertEquals(6, packets.size());
        assertEquals(set.fullClaim(), GoSetMessage.decode(packets.get(0)), "the whole set first");
        // pending claims are worked through by the peer's count, smallest first (as the reference)
        List<FeedId> novelties = new ArrayList<>();
        for (byte[] p : packets.subList(1, 5)) {
            novelties.add(assertInstanceOf(GoSetMessage.Novelty.class, GoSetMessage.decode(p)).key());
        }
        assertEquals(List.of(key(0x20), key(0x30), key(0x40), key(0x50)), novelties, "help for the 3-key claim");
        assertEquals(set.claim(0, 2), GoSetMessage.decode(packets.get(5)), "the ask for the 9-key claim");
        assertEquals(1, pending.size(), "the claim we asked about stays until we have caught up");
    }

    @Test
    void withASmallBudgetHelpSplitsTheRangeInTwoClaims() throws CodecException {
        GoSet set = new GoSet(255);
        for (int i = 1; i <= 10; i++) {
            set.add(key(i * 0x10));
        }
        GoSetNegotiation.PendingClaims pending = new GoSetNegotiation.PendingClaims();
        pending.add(new Claim(key(0x10), key(0xA0), new byte[32], 2));
        List<byte[]> packets = GoSetNegotiation.round(set, pending, 1, 3, 5, true);
        assertEquals(3, packets.size());
        assertEquals(set.claim(1, 4), GoSetMessage.decode(packets.get(1)));
        assertEquals(set.claim(5, 8), GoSetMessage.decode(packets.get(2)));
    }

    @Test
    void aSettledClaimIsDropped() {
        GoSet set = new GoSet(255);
        set.add(key(0x10));
        set.add(key(0x20));
        GoSetNegotiation.PendingClaims pending = new GoSetNegotiation.PendingClaims();
        pending.add(set.fullClaim());
        assertEquals(2, GoSetNegotiation.round(set, pending, 1, 3, 5, true).size(), "only the whole set");
        assertEquals(0, pending.size());
    }

    @Test
    void twoKeysGoAsNoveltiesAndClaimsStayWithinTheBudgetWhileNoveltiesDoNot() throws CodecException {
        GoSet two = new GoSet(255);
        two.add(key(0x10));
        two.add(key(0x20));
        List<byte[]> packets = GoSetNegotiation.round(two, new GoSetNegotiation.PendingClaims(), 1, 3, 5, true);
        // a claim of two keys over a range where the reference pub holds three makes it fail
        assertEquals(List.of(new GoSetMessage.Novelty(key(0x10)), new GoSetMessage.Novelty(key(0x20))),
                List.of(GoSetMessage.decode(packets.get(0)), GoSetMessage.decode(packets.get(1))));

        GoSet set = new GoSet(255);
        for (int i = 1; i <= 10; i++) {
            set.add(key(i * 0x10));
        }
        GoSetNegotiation.PendingClaims pending = new GoSetNegotiation.PendingClaims();
        pending.add(new Claim(key(0x10), key(0xA0), new byte[32], 2));
        assertTrue(GoSetNegotiation.round(set, pending, 1, 3, 0, true).isEmpty(), "no claim left in the window");
        pending.add(new Claim(key(0x10), key(0x40), new byte[32], 2));
        List<byte[]> helped = GoSetNegotiation.round(set, pending, 1, 255, 0, true);
        assertEquals(2, helped.size(), "novelties need no budget: " + helped.size());
    }
}
