package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.store.memory.internal.MemoryFeedStore;

/** An answer waits for the answers to its vector's earlier rows, on radios ({@link AnswerTurns}). */
class AnswerTurnsTest {
    /** EU868.a, SF7/250 kHz: 102.5 ms a full frame, pauses of up to 500 ms (2.84 frames per second). */
    private static final double AIRTIME = 102.5;
    private static final double BURST = 1000 / (AIRTIME + 250);

    @Test
    void theFirstRowsGoAtOnceLaterOnesWaitATurnPerRowAskingBeforeThem() {
        assertEquals(0, AnswerTurns.delayMillis(0, 3, AIRTIME, BURST));
        assertEquals(1808, AnswerTurns.delayMillis(1, 3, AIRTIME, BURST), "3 frames of air and the longest pause");
        assertEquals(2 * 1808 - 1, AnswerTurns.delayMillis(2, 3, AIRTIME, BURST));
        assertEquals(AnswerTurns.delayMillis(AnswerTurns.MAX_TURNS, 3, AIRTIME, BURST),
                AnswerTurns.delayMillis(40, 3, AIRTIME, BURST), "at most " + AnswerTurns.MAX_TURNS + " turns");
        assertEquals(0, AnswerTurns.delayMillis(1, 3, AIRTIME, 0), "a radio that cannot send: no turn to wait for");
    }

    /** The engine on a radio, holding entries of feed A and none of feed B (both in its GOset). */
    private static final class Holder {
        final VirtualScheduler scheduler = new VirtualScheduler();
        final AskOneNeighbourTest.RecordingRadio radio = new AskOneNeighbourTest.RecordingRadio();
        final NodeEngine engine;
        final SigningKey a = key("a");
        final SigningKey b = key("b");

        Holder(EngineConfig config) throws Exception {
            this(config, 10);
        }

        Holder(EngineConfig config, int entries) throws Exception {
            engine = new NodeEngine(config, new MemoryFeedStore(), scheduler, new Random(1), f -> true, EngineEvents.NONE);
            engine.start(List.of(a.feedId(), b.feedId()), Set.of());
            for (int seq = 1; seq <= entries; seq++) {
                engine.publish(a, ("entry " + seq).getBytes(StandardCharsets.US_ASCII));
            }
            engine.attach(radio);
            radio.sent.clear();
        }

        /** A neighbour's WANT of both feeds from entry 1, feed {@code first}'s row first; {@code b} as asked for B. */
        void want(SigningKey first, long b) {
            want(first, b, 1);
        }

        /** As {@link #want(SigningKey, long)}, asking for A from entry {@code a}. */
        void want(SigningKey first, long b, long a) {
            GoSetView view = engine.view();
            byte[] want = VectorExchange.want(view, (FeedId f) -> f.equals(this.b.feedId()) ? b : a,
                    view.indexOf(first.feedId()), 100).encode(view.wantDmx());
            engine.receive(radio, want);
        }

        List<byte[]> entriesSent() {
            List<byte[]> out = new ArrayList<>();
            for (byte[] p : radio.sent) {
                if (p.length == 120) { // entries; the rest are this node's own control frames
                    out.add(p);
                }
            }
            return out;
        }

        private static SigningKey key(String name) {
            return SigningKey.fromSeed(Sha256.digest(name.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    /** The test radio: 110 ms a full frame, 5 frames per second, so pauses of up to 290 ms; credit 3. */
    private static final long TURN = 3 * 290;

    @Test
    void aVectorWhoseFirstRowThisNodeServesIsAnsweredAtOnce() throws Exception {
        Holder h = new Holder(EngineConfig.defaults());
        h.want(h.a, 1);
        assertTrue(h.entriesSent().size() >= 3, "answered at once: " + h.entriesSent().size());
    }

    @Test
    void aRowAfterOneAskingForSomethingWaitsItsTurn() throws Exception {
        Holder h = new Holder(EngineConfig.defaults());
        h.want(h.b, 1); // the row for B (which some other neighbour holds) comes first
        h.scheduler.advance(TURN - 1);
        assertEquals(0, h.entriesSent().size(), "nothing before the holder of B had its turn");
        h.scheduler.advance(1);
        assertTrue(h.entriesSent().size() >= 3, "then the answer: " + h.entriesSent().size());
    }

    @Test
    void aRowAfterOneAskingForNothingIsNoOnesTurn() throws Exception {
        Holder h = new Holder(EngineConfig.defaults());
        h.want(h.b, VectorExchange.NOTHING_WANTED);
        assertTrue(h.entriesSent().size() >= 3, "answered at once: " + h.entriesSent().size());
    }

    @Test
    void aPacketHeardWhileWaitingIsLeftOut() throws Exception {
        Holder h = new Holder(EngineConfig.defaults());
        h.want(h.b, 1);
        Holder twin = new Holder(EngineConfig.defaults()); // the same feed, signed alike
        twin.want(twin.a, 1);
        byte[] entry1 = twin.entriesSent().get(0); // entry 1: the first row's first packet
        h.engine.receive(h.radio, entry1); // another neighbour answered entry 1 meanwhile
        h.scheduler.advance(TURN);
        List<byte[]> sent = h.entriesSent();
        assertTrue(sent.size() >= 2, "the rest of the answer: " + sent.size());
        for (byte[] p : sent) {
            assertFalse(java.util.Arrays.equals(p, entry1), "entry 1 went out although it was heard");
        }
    }

    @Test
    void answersWaitingTheirTurnAreBoundedWhateverAPeerAsks() throws Exception {
        Holder h = new Holder(EngineConfig.defaults(), 600);
        for (long a = 1; a <= 600; a += 2) { // a hostile peer: 300 vectors, each for other entries, B first
            h.want(h.b, 1, a);
        }
        assertEquals(0, h.entriesSent().size(), "all waiting their turn");
        long refused = h.engine.metrics().droppedByReason().getOrDefault("answers-pending-full", 0L);
        assertTrue(refused > 0, "answers beyond the bound are refused, counted: " + refused);
        h.scheduler.advance(TURN);
        int sent = h.entriesSent().size();
        assertTrue(sent > 0 && sent <= LinkSession.MAX_PENDING_ANSWERS,
                "at most " + LinkSession.MAX_PENDING_ANSWERS + " waited, " + sent + " went out");
    }

    @Test
    void withoutOverhearingEveryAnswerGoesAtOnceAsBefore() throws Exception {
        Holder h = new Holder(EngineConfig.defaults().withOverhearing(false));
        h.want(h.b, 1);
        assertEquals(3, h.entriesSent().size(), "the reference's credit, at once");
    }
}
