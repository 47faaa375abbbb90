package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;
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

    private static List<Long> seqs(WantVector want) {
        return want.nextSeqs();
    }

    @Test
    void withTwoNeighboursAheadEachIsAskedInTurnAndTheOthersFeedsAreLeftOut() {
        GoSetView view = six();
        // neighbour A holds more of feeds 0 and 1, B of 3 and 4; nobody was heard ahead on 2 and 5
        List<Set<FeedId>> ahead = List.of(Set.of(feed(0), feed(1)), Set.of(feed(3), feed(4)));
        WantVector a = VectorExchange.wantFromOne(view, f -> 10, ahead, f -> true, 0, 100);
        assertEquals(0, a.offset());
        assertEquals(List.of(10L, 10L, 10L, NOTHING, NOTHING, 10L), seqs(a), "asks A (and what nobody is ahead on)");
        WantVector b = VectorExchange.wantFromOne(view, f -> 10, ahead, f -> true, 1, 100);
        assertEquals(3, b.offset(), "starts at B's first feed");
        assertEquals(List.of(10L, 10L, 10L, NOTHING, NOTHING, 10L), seqs(b), "B's rows 3, 4, 5, then 0, 1 left out, 2");
        WantVector a2 = VectorExchange.wantFromOne(view, f -> 10, ahead, f -> true, 2, 100);
        assertEquals(1, a2.offset(), "A's turn again, its next feed first");
    }

    @Test
    void aNeighbourWhoseFeedsWereCaughtUpOnNoLongerCounts() {
        GoSetView view = six();
        List<Set<FeedId>> ahead = List.of(Set.of(feed(0)), Set.of(feed(3)));
        WantVector want = VectorExchange.wantFromOne(view, f -> 10, ahead, f -> !f.equals(feed(0)), 0, 100);
        assertEquals(3, want.offset(), "only the neighbour ahead on feed 3 is left");
        assertEquals(List.of(10L, 10L, 10L, 10L, 10L, 10L), seqs(want), "with one neighbour nothing is left out");
    }

    @Test
    void withNoneOrMoreThanTwoNeighboursAheadEveryoneIsAsked() {
        GoSetView view = six();
        assertNull(VectorExchange.wantFromOne(view, f -> 10, List.of(), f -> true, 0, 100));
        List<Set<FeedId>> three = List.of(Set.of(feed(0)), Set.of(feed(2)), Set.of(feed(4)));
        assertNull(VectorExchange.wantFromOne(view, f -> 10, three, f -> true, 0, 100),
                "asking one of three at a time would leave two radios idle: the usual rotating WANT");
        assertNull(VectorExchange.wantFromOne(view, f -> NOTHING, List.of(Set.of(feed(0))), f -> true, 0, 100),
                "nothing wanted of the only feed a neighbour is ahead on");
    }

    /** A radio that records what the engine sends (the engine backs off and overhears on radios only). */
    static final class RecordingRadio implements Link, RadioAirtime {
        final List<byte[]> sent = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String id() {
            return "radio";
        }

        @Override
        public LinkProfile profile() {
            return new LinkProfile(LinkProfile.TINYSSB_PACKET, 5.0, true);
        }

        @Override
        public void attach(PacketReceiver receiver) {
        }

        @Override
        public boolean send(byte[] packet) {
            sent.add(packet.clone());
            return true;
        }

        @Override
        public Map<String, Long> counters() {
            return Map.of();
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
        GoSetView view = engine.view();
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

    private static byte[] want(GoSetView view, java.util.function.ToLongFunction<FeedId> next) {
        return VectorExchange.want(view, next, 0, 100).encode(view.wantDmx());
    }
}
