package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.RadioAirtime;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.codec.WantVector;
import org.tinyssb.store.memory.internal.MemoryFeedStore;

/**
 * On a radio, the WANT asks one of one or two neighbours ahead at a time (they would answer at
 * once and collide at the asker), and a node with one neighbour answers with twice the credit.
 */
class AskOneNeighbourTest {
    private static final long NOTHING = VectorExchange.NOTHING_WANTED;

    private static FeedId feed(int n) {
        byte[] b = new byte[32];
        b[0] = 1;
        b[31] = (byte) n;
        return FeedId.of(b);
    }

    /** Six feeds, GOset index i holding feed(i) (their keys sort as their numbers). */
    private static GoSetView six() {
        GoSet set = new GoSet(255);
        for (int i = 0; i < 6; i++) {
            set.add(feed(i));
        }
        return set.view();
    }

    private static List<Long> asked(java.util.function.ToLongFunction<FeedId> asking) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            out.add(asking.applyAsLong(feed(i)));
        }
        return out;
    }

    @Test
    void withTwoNeighboursAheadEachIsAskedInTurnAndTheOthersFeedsAreLeftOut() {
        GoSetView view = six();
        // neighbour A holds more of feeds 0 and 1, B of 3 and 4; nobody was heard ahead on 2 and 5
        List<Set<FeedId>> ahead = List.of(Set.of(feed(0), feed(1)), Set.of(feed(3), feed(4)));
        assertEquals(List.of(10L, 10L, 10L, NOTHING, NOTHING, 10L),
                asked(VectorExchange.askingOne(view, f -> 10, ahead, f -> true, 0).nextWanted()), "asks A, and what nobody is ahead on");
        assertEquals(List.of(NOTHING, NOTHING, 10L, 10L, 10L, 10L),
                asked(VectorExchange.askingOne(view, f -> 10, ahead, f -> true, 1).nextWanted()), "then B");
        assertEquals(List.of(10L, 10L, 10L, NOTHING, NOTHING, 10L),
                asked(VectorExchange.askingOne(view, f -> 10, ahead, f -> true, 2).nextWanted()), "then A again");
    }

    @Test
    void aNeighbourWhoseFeedsWereCaughtUpOnNoLongerCounts() {
        GoSetView view = six();
        List<Set<FeedId>> ahead = List.of(Set.of(feed(0)), Set.of(feed(3)));
        assertEquals(List.of(10L, 10L, 10L, 10L, 10L, 10L),
                asked(VectorExchange.askingOne(view, f -> 10, ahead, f -> !f.equals(feed(0)), 0).nextWanted()),
                "only the neighbour ahead on feed 3 is left, and with one nothing is left out");
    }

    @Test
    void withNoneOrMoreThanTwoNeighboursAheadEveryoneIsAsked() {
        GoSetView view = six();
        assertNull(VectorExchange.askingOne(view, f -> 10, List.of(), f -> true, 0));
        List<Set<FeedId>> three = List.of(Set.of(feed(0)), Set.of(feed(2)), Set.of(feed(4)));
        assertNull(VectorExchange.askingOne(view, f -> 10, three, f -> true, 0),
                "asking one of three at a time would leave two radios idle: the usual WANT");
        assertNull(VectorExchange.askingOne(view, f -> NOTHING, List.of(Set.of(feed(0))), f -> true, 0),
                "nothing wanted of the only feed a neighbour is ahead on");
    }

    /** A radio that records what the engine sends (the engine backs off and overhears on radios only). */
    static final class RecordingRadio extends RecordingLink implements RadioAirtime {
        RecordingRadio() {
            super(new LinkProfile(LinkProfile.TINYSSB_PACKET, 5.0, true));
        }

        @Override
        public double airtimeMillis(int length) {
            return 50 + length / 2.0;
        }

        @Override
        public double budgetMillis() {
            return 36_000;
        }

        @Override
        public long budgetWindowMillis() {
            return 3_600_000;
        }

        @Override
        public double budgetUsedMillis() {
            return 0;
        }

        @Override
        public double burstFramesPerSecond() {
            return 5.0;
        }
    }

    @Test
    void aNodeWithOneNeighbourAnswersWithTwiceTheCreditAndWithTwoWithTheReferencesThree() throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        MemoryFeedStore store = new MemoryFeedStore();
        NodeEngine engine = new NodeEngine(EngineConfig.defaults(), store, scheduler, new Random(1), f -> true,
                EngineEvents.NONE);
        List<SigningKey> own = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            own.add(SigningKey.fromSeed(Sha256.digest(("own-" + i).getBytes(StandardCharsets.US_ASCII))));
        }
        engine.start(own.stream().map(SigningKey::feedId).toList(), Set.of());
        for (SigningKey k : own) {
            for (int seq = 1; seq <= 10; seq++) {
                engine.publish(k, ("entry " + seq).getBytes(StandardCharsets.US_ASCII));
            }
        }
        FeedId x = SigningKey.fromSeed(Sha256.digest("x".getBytes(StandardCharsets.US_ASCII))).feedId();
        FeedId y = SigningKey.fromSeed(Sha256.digest("y".getBytes(StandardCharsets.US_ASCII))).feedId();
        engine.follow(x);
        engine.follow(y);
        RecordingRadio radio = new RecordingRadio();
        engine.attach(radio);
        announce(engine, radio, List.of(x, y)); // neighbours hold them
        GoSetView view = engine.view(radio);
        assertEquals(7, view.size(), "five own feeds and the two followed");

        radio.sent.clear();
        engine.receive(radio, want(view, f -> 1)); // asks for everything from the start
        assertEquals(6, radio.sent.size(), "nobody heard ahead of this node: twice the reference's credit");

        // two neighbours show they hold more than this node: of x one, of y the other
        engine.receive(radio, want(view, f -> f.equals(x) ? 5 : f.equals(y) ? 1 : 11));
        assertEquals(1, engine.neighboursAhead(radio), "the first");
        engine.receive(radio, want(view, f -> f.equals(y) ? 3 : f.equals(x) ? 1 : 11));
        assertEquals(2, engine.neighboursAhead(radio), "told apart by the feeds they are ahead on");
        radio.sent.clear();
        engine.receive(radio, want(view, f -> f.equals(x) || f.equals(y) ? 1 : 3)); // none of these went out before
        assertEquals(3, radio.sent.size(), "two neighbours around: the reference's credit of 3");
    }

    /** Neighbours on {@code link} announce {@code keys}: they enter the link's GOset, as their claims make them. */
    static void announce(NodeEngine engine, org.tinyssb.api.link.Link link, List<FeedId> keys) {
        for (FeedId k : keys) {
            engine.receive(link, new org.tinyssb.codec.GoSetMessage.Novelty(k).encode());
        }
    }

    private static byte[] want(GoSetView view, java.util.function.ToLongFunction<FeedId> next) {
        return want(view, next, 0);
    }

    private static byte[] want(GoSetView view, java.util.function.ToLongFunction<FeedId> next, int offset) {
        return VectorExchange.want(view, next, offset, 100).encode(view.wantDmx());
    }

    @Test
    void theWantsAskTheTwoNeighboursInTurnAndStillCoverAGoSetLargerThanOneVector() throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        NodeEngine engine = new NodeEngine(EngineConfig.defaults(), new MemoryFeedStore(), scheduler, new Random(3),
                f -> true, EngineEvents.NONE);
        SigningKey self = SigningKey.fromSeed(Sha256.digest("self".getBytes(StandardCharsets.US_ASCII)));
        engine.start(List.of(self.feedId()), Set.of());
        List<FeedId> followed = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            followed.add(SigningKey.fromSeed(Sha256.digest(("f" + i).getBytes(StandardCharsets.US_ASCII))).feedId());
            engine.follow(followed.get(i));
        }
        RecordingRadio radio = new RecordingRadio();
        engine.attach(radio);
        announce(engine, radio, followed); // neighbours hold them
        GoSetView view = engine.view(radio);
        int n = view.size();
        FeedId p = view.key(5);
        FeedId q = view.key(60);
        assertTrue(VectorExchange.want(view, f -> 1, 0, 100).nextSeqs().size() < n, "one WANT covers part of the set");
        // neighbour P shows it holds 3 entries of feed 5, neighbour Q 4 of feed 60
        engine.receive(radio, want(view, f -> f.equals(p) ? 4 : 1, 0));
        engine.receive(radio, want(view, f -> f.equals(q) ? 5 : 1, 50));
        assertEquals(2, engine.neighboursAhead(radio));
        radio.sent.clear();
        scheduler.advance(30 * 60_000);

        boolean[] asked = new boolean[n];
        int askingP = 0;
        int askingQ = 0;
        for (byte[] packet : radio.sent) {
            if (org.tinyssb.codec.Dmx.key(packet, 0) != org.tinyssb.codec.Dmx.key(view.wantDmx())) {
                continue;
            }
            WantVector w = WantVector.decode(packet);
            for (int i = 0; i < w.nextSeqs().size(); i++) {
                int index = (w.offset() + i) % n;
                long seq = w.nextSeqs().get(i);
                if (seq != NOTHING) {
                    asked[index] = true;
                }
                if (index == 5) {
                    askingP += seq == 1 ? 1 : 0;
                    assertTrue(seq == 1 || seq == NOTHING, "feed 5: the next entry, or left out for Q's turn");
                }
                if (index == 60) {
                    askingQ += seq == 1 ? 1 : 0;
                }
            }
        }
        assertTrue(askingP > 0 && askingQ > 0, "both neighbours are asked: " + askingP + ", " + askingQ);
        for (int i = 0; i < n; i++) {
            assertTrue(asked[i], "feed " + i + " of " + n + " is asked for in some WANT");
        }
    }
}
