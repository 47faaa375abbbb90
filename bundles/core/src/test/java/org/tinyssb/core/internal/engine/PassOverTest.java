package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.store.memory.internal.MemoryFeedStore;

/**
 * Answers on a shared channel leave out the packets after a row's first that went out lately (the
 * asker most likely overheard and kept them), and stop doing so while askers keep asking for what
 * was left out (peers that keep nothing they overhear).
 */
class PassOverTest {
    private static final long WINDOW = AnswerBackoff.MIN_WINDOW_MILLIS;

    /** Entry {@code seq} of a made-up feed: 120 bytes that name their position. */
    private static byte[] packet(long seq) {
        byte[] p = new byte[120];
        p[0] = (byte) seq;
        p[1] = (byte) (seq >> 8);
        return p;
    }

    private static long seqOf(byte[] p) {
        return (p[0] & 0xff) | (p[1] & 0xff) << 8;
    }

    /** A row asking for the made-up feed from {@code first}, which holds entries 1 to {@code height}. */
    private static RoundRobinAnswer.Row row(long first, long height) {
        return new RoundRobinAnswer.Row("feed", first, p -> p < 1 || p > height ? Optional.empty() : Optional.of(packet(p)));
    }

    /** What a radio link does with an answer: the backoff remembers each packet sent. */
    private static List<Long> answer(AnswerBackoff sent, RoundRobinAnswer.Skipping skipping, long first, long now) {
        List<Long> out = new ArrayList<>();
        for (byte[] p : RoundRobinAnswer.answer(List.of(row(first, 1_000)), 3, null, skipping, now)) {
            sent.permit(AnswerBackoff.keyOf(p), now);
            out.add(seqOf(p));
        }
        return out;
    }

    @Test
    void packetsSentLatelyAfterTheFirstAreLeftOutAndTheFirstAlwaysGoes() {
        AnswerBackoff sent = new AnswerBackoff(new Random(1), 1_000);
        PassOver passOver = new PassOver(sent);
        assertEquals(List.of(1L, 2L, 3L), answer(sent, passOver, 1, 0));
        assertEquals(List.of(1L, 4L, 5L), answer(sent, passOver, 1, 10), "1 lost: 2 and 3 are held by the asker");
        assertEquals(List.of(2L, 6L, 7L), answer(sent, passOver, 2, 20), "2 lacked after all: it goes when asked for");
        assertEquals(4, passOver.leftOut(), "2, 3, 4 and 5, each counted once");
        assertEquals(1, passOver.wrong(), "2 was a wrong guess; 3 is still open");
        assertEquals(List.of(1L, 2L, 3L), answer(sent, null, 1, 30), "without skipping: what was asked for");
    }

    @Test
    void aRowAskingFromBeyondSettlesTheGuessesAsGood() {
        AnswerBackoff sent = new AnswerBackoff(new Random(1), 1_000);
        PassOver passOver = new PassOver(sent);
        answer(sent, passOver, 1, 0);
        assertEquals(List.of(1L, 4L, 5L), answer(sent, passOver, 1, 10));
        assertEquals(2, passOver.remembered(), "2 and 3 left out, open");
        // the asker caught up to 6 and asks from beyond everything this node holds of the row
        RoundRobinAnswer.answer(List.of(row(7, 6)), 3, null, passOver, 20);
        assertEquals(0, passOver.remembered());
        assertEquals(0, passOver.wrong(), "both guesses good, though nothing was left to send");
        assertTrue(passOver.wrongShare() == 0);
    }

    @Test
    void aRowWhoseFirstPacketKeepsBeingAskedForIsAnsweredWhole() {
        AnswerBackoff sent = new AnswerBackoff(new Random(1), 1_000);
        PassOver passOver = new PassOver(sent);
        answer(sent, passOver, 1, 0);
        assertEquals(List.of(1L, 4L, 5L), answer(sent, passOver, 1, 10));
        assertEquals(List.of(1L, 2L, 3L), answer(sent, passOver, 1, 20),
                "1 asked for a third time: the asker does not hear this node, so 2 and 3 did not get through either");
    }

    @Test
    void packetsNotSentLatelyAreNotLeftOut() {
        AnswerBackoff sent = new AnswerBackoff(new Random(1), 1_000);
        PassOver passOver = new PassOver(sent);
        answer(sent, passOver, 1, 0);
        assertEquals(List.of(1L, 2L, 3L), answer(sent, passOver, 1, WINDOW + 1),
                "the memory of what went out has a window: after it, everything goes again");
        assertEquals(0, passOver.leftOut());
    }

    /**
     * An asker losing one frame in ten, asking from the first it lacks, a vector every 30 s
     * (rounds at a 1 % duty cycle). One that keeps what it overhears (this node) stores any packet
     * it heard; one that keeps nothing (the reference) only the packet after its last one.
     * Returns the answers it took to sync 300 entries, leaving out by {@code passOver} (null: none).
     */
    private static int answersUntilSynced(boolean keepsOverheard, PassOver passOver, AnswerBackoff sent) {
        Random loss = new Random(7);
        Set<Long> held = new HashSet<>();
        long next = 1;
        int answers = 0;
        long now = 0;
        while (next <= 300 && answers < 10_000) {
            answers++;
            now += 30_000;
            for (byte[] p : RoundRobinAnswer.answer(List.of(row(next, 300)), 3, null, passOver, now)) {
                sent.permit(AnswerBackoff.keyOf(p), now);
                long seq = seqOf(p);
                if (loss.nextInt(10) != 0 && (keepsOverheard || seq == next)) {
                    held.add(seq);
                }
                while (held.contains(next)) {
                    next++;
                }
            }
        }
        return answers;
    }

    private static int answersUntilSynced(boolean keepsOverheard, boolean leavingOut, PassOver[] made) {
        AnswerBackoff sent = new AnswerBackoff(new Random(1), 1_000);
        made[0] = new PassOver(sent);
        return answersUntilSynced(keepsOverheard, leavingOut ? made[0] : null, sent);
    }

    @Test
    void anAskerThatKeepsWhatItOverhearsSyncsInFewerAnswers() {
        PassOver[] p = new PassOver[1];
        int everything = answersUntilSynced(true, false, p);
        int leavingOut = answersUntilSynced(true, true, p);
        assertTrue(p[0].wrongShare() <= PassOver.GIVE_UP_SHARE, "the guesses are mostly good: " + p[0].wrongShare());
        assertTrue(leavingOut < everything * 0.95, "answers with packets left out " + leavingOut + ", without " + everything);
    }

    @Test
    void anAskerThatKeepsNothingOverheardMakesTheNodeStopLeavingOut() {
        PassOver[] p = new PassOver[1];
        int inOrderOnly = answersUntilSynced(false, false, p);
        int answers = answersUntilSynced(false, true, p);
        assertTrue(p[0].leftOut() > 0 && p[0].wrong() > 0, "it tried: " + p[0].leftOut() + " left out");
        assertTrue(answers <= inOrderOnly * 1.1, "about as many answers as without leaving out: " + answers + " / "
                + inOrderOnly + ", " + p[0].leftOut() + " left out, " + p[0].wrong() + " wrongly");
    }

    @Test
    void afterGivingUpItIsTriedAgainAnHourOrSoLater() {
        AnswerBackoff sent = new AnswerBackoff(new Random(1), 1_000);
        PassOver passOver = new PassOver(sent);
        long now = 0;
        for (long seq = 1; !passOver.givenUp(); seq += 2, now += 1_000) {
            sent.permit(AnswerBackoff.keyOf(packet(seq)), now);
            assertTrue(passOver.passOver("feed", seq, packet(seq), now), "left out until given up");
            passOver.askedFor("feed", seq, packet(seq), now); // and asked for at once: a peer that keeps nothing
            assertTrue(seq < 40, "gives up after a few wrong guesses in a row");
        }
        long gaveUpAt = now;
        for (; passOver.givenUp(); now += 60_000) {
            sent.permit(AnswerBackoff.keyOf(packet(999)), now);
            passOver.passOver("feed", 999, packet(999), now);
        }
        assertTrue(now - gaveUpAt >= PassOver.RETRY_HALF_LIFE_MILLIS / 2 && now - gaveUpAt <= 2 * PassOver.RETRY_HALF_LIFE_MILLIS,
                "tried again " + (now - gaveUpAt) / 60_000 + " min later");
        sent.permit(AnswerBackoff.keyOf(packet(1001)), now);
        assertTrue(passOver.passOver("feed", 1001, packet(1001), now));
    }

    @Test
    void memoryAndLookUpsAreBounded() {
        AnswerBackoff sent = new AnswerBackoff(new Random(1), 1_000);
        PassOver passOver = new PassOver(sent);
        for (int seq = 1; seq <= 2 * AnswerBackoff.CAPACITY; seq++) {
            sent.permit(AnswerBackoff.keyOf(packet(seq)), 0);
        }
        int[] lookUps = {0};
        RoundRobinAnswer.Skipping counting = new RoundRobinAnswer.Skipping() {
            @Override
            public boolean askedFor(Object row, long position, byte[] first, long now) {
                return passOver.askedFor(row, position, first, now);
            }

            @Override
            public boolean passOver(Object row, long position, byte[] packet, long now) {
                lookUps[0]++;
                return passOver.passOver(row, position, packet, now);
            }
        };
        List<byte[]> out = RoundRobinAnswer.answer(List.of(row(1, 5_000)), 3, null, counting, 1);
        assertEquals(3, out.size());
        assertTrue(lookUps[0] <= 4 * 3 + 2, "a vector costs at most four times its credit in look-ups: " + lookUps[0]);
        for (int first = 1; first < 5_000; first += 2) {
            RoundRobinAnswer.answer(List.of(row(first, 5_000)), 3, null, passOver, 2);
        }
        assertTrue(passOver.remembered() <= PassOver.CAPACITY, "remembered " + passOver.remembered());
    }

    @Test
    void onARadioTheEngineLeavesOutWhatItAnsweredLately() throws Exception {
        assertEquals(List.of(-1, -1, -1, -1, 0), secondAnswer(EngineConfig.defaults()),
                "entry 1 again, then the four the first answer (entries 1 to 6) did not carry");
        assertEquals(List.of(0, 1, 2), secondAnswer(EngineConfig.defaults().withOverhearing(false)),
                "without overhearing, the same three again (the reference's credit)");
    }

    /**
     * A node holding 10 entries of its feed answers a WANT of all of them twice: for each packet of
     * the second answer, its place in the first answer (-1 if it was not in it), sorted.
     */
    private static List<Integer> secondAnswer(EngineConfig config) throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        NodeEngine engine = new NodeEngine(config, new MemoryFeedStore(), scheduler, new Random(1), f -> true,
                EngineEvents.NONE);
        SigningKey own = SigningKey.fromSeed(Sha256.digest("own".getBytes(StandardCharsets.US_ASCII)));
        engine.start(List.of(own.feedId()), Set.of());
        for (int seq = 1; seq <= 10; seq++) {
            engine.publish(own, ("entry " + seq).getBytes(StandardCharsets.US_ASCII));
        }
        AskOneNeighbourTest.RecordingRadio radio = new AskOneNeighbourTest.RecordingRadio();
        engine.attach(radio);
        GoSetView view = engine.view();
        byte[] want = VectorExchange.want(view, (FeedId f) -> 1, 0, 100).encode(view.wantDmx());
        radio.sent.clear();
        engine.receive(radio, want);
        List<byte[]> first = new ArrayList<>(radio.sent);
        radio.sent.clear();
        engine.receive(radio, want); // the asker lost entry 1 (and, as this node guesses, nothing else)
        scheduler.advance(60_000); // repeats wait a random moment
        List<Integer> places = new ArrayList<>();
        for (byte[] p : radio.sent) {
            if (p.length == 120) { // entries; the rest are this node's own control frames
                places.add(indexOf(first, p));
            }
        }
        places.sort(null);
        return places;
    }

    private static int indexOf(List<byte[]> packets, byte[] p) {
        for (int i = 0; i < packets.size(); i++) {
            if (java.util.Arrays.equals(packets.get(i), p)) {
                return i;
            }
        }
        return -1;
    }
}
