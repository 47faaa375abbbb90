package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.Dmx;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.store.memory.internal.MemoryFeedStore;

/**
 * On a radio a WANT is left out when a neighbour just asked for the same (Trickle's suppression),
 * but a node still behind its neighbours lets that happen only once in a row: the neighbour that
 * asked may be out of the hearing of those holding the entries (a star's leaves).
 */
class WantSuppressionTest {
    private static final long MINUTES = 20;

    /** WANTs the node sends in 20 minutes while a neighbour asks for the same every 2 s. */
    private static int wantsSent(EngineConfig config, boolean aNeighbourIsAhead) throws Exception {
        return wantsSent(config, aNeighbourIsAhead, true);
    }

    /** WANTs the node sends in 20 minutes, hearing the same WANT every 2 s if {@code sameHeard}. */
    private static int wantsSent(EngineConfig config, boolean aNeighbourIsAhead, boolean sameHeard) throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        NodeEngine engine = new NodeEngine(config, new MemoryFeedStore(), scheduler, new Random(5), f -> true,
                EngineEvents.NONE);
        SigningKey own = SigningKey.fromSeed(Sha256.digest("own".getBytes(StandardCharsets.US_ASCII)));
        FeedId followed = SigningKey.fromSeed(Sha256.digest("x".getBytes(StandardCharsets.US_ASCII))).feedId();
        engine.start(List.of(own.feedId()), Set.of());
        engine.publish(own, "one".getBytes(StandardCharsets.US_ASCII));
        engine.follow(followed);
        AskOneNeighbourTest.RecordingRadio radio = new AskOneNeighbourTest.RecordingRadio();
        engine.attach(radio);
        // the neighbour holds the followed feed: its key is in the radio's GOset, as its claims make it
        engine.receive(radio, new org.tinyssb.codec.GoSetMessage.Novelty(followed).encode());
        GoSetView view = engine.view(radio);
        if (aNeighbourIsAhead) { // it holds 4 entries of the followed feed, and asks for none of ours
            engine.receive(radio, VectorExchange.want(view, f -> f.equals(followed) ? 5 : 2, 0, 100).encode(view.wantDmx()));
        }
        assertEquals(aNeighbourIsAhead ? 4 : 0, engine.entriesToFetch());
        byte[] sameAsOurs = VectorExchange.want(view, f -> f.equals(followed) ? 1 : 2, 0, 100).encode(view.wantDmx());
        radio.sent.clear();
        for (long t = 0; t < MINUTES * 60_000; t += 2_000) {
            if (sameHeard) {
                engine.receive(radio, sameAsOurs);
            }
            scheduler.advance(2_000);
        }
        int wants = 0;
        for (byte[] p : radio.sent) {
            if (p.length >= Dmx.LENGTH && Dmx.key(p, 0) == Dmx.key(view.wantDmx())) {
                wants++;
            }
        }
        return wants;
    }

    @Test
    void inSyncANeighboursWantStandsForThisNodes() throws Exception {
        assertEquals(0, wantsSent(EngineConfig.defaults(), false), "nothing to fetch: every WANT left out");
    }

    @Test
    void stillBehindANeighbourTheWantGoesEveryOtherRoundAtLeast() throws Exception {
        int behind = wantsSent(EngineConfig.defaults(), true);
        int rounds = wantsSent(EngineConfig.defaults(), true, false);
        int before = wantsSent(EngineConfig.defaults().withOverhearing(false), true);
        assertTrue(behind >= rounds / 3 && behind >= 3 && behind < rounds, "the WANT goes out in " + behind
                + " of about " + rounds + " rounds (" + rounds + " when nobody asks the same) in " + MINUTES + " minutes");
        assertTrue(before <= 1, "as before this rule, every one left out: " + before);
    }
}
