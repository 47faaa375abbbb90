package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.codec.SigningKey;

/**
 * Two nodes with disjoint sets of 100 feed ids each come to hold the same GOset. Reports the
 * number of GOset rounds it takes on a stream link (help by novelties) and on a paced radio link
 * (the reference's small budgets: one ask, three help packets per round).
 */
class GoSetConvergenceTest {
    private static final int KEYS_EACH = 100;

    private long[] converge(LinkProfile profile, double loss) throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        // room for both sets (the reference's 100 would take only half of them)
        EngineConfig config = EngineConfig.defaults().withGosetCap(2 * KEYS_EACH);
        SimNode a = new SimNode("a", scheduler, config, 1);
        SimNode b = new SimNode("b", scheduler, config, 2);
        a.start();
        b.start();
        for (int i = 0; i < KEYS_EACH; i++) {
            a.engine.publish(feed("a", i), new byte[] {1});
            b.engine.publish(feed("b", i), new byte[] {2});
        }
        assertEquals(KEYS_EACH, a.engine.view().size());
        SimulatedLink[] link = SimulatedLink.pair("a-b", "b-a", profile, scheduler, 20, loss, new Random(3));
        a.attach(link[0]);
        b.attach(link[1]);
        boolean done = scheduler.runUntil(() -> a.engine.view(link[0]).size() == 2 * KEYS_EACH
                && a.engine.view(link[0]).sameState(b.engine.view(link[1])), 30 * 60_000);
        assertTrue(done, "not converged: a holds " + a.engine.view(link[0]).size() + ", b holds "
                + b.engine.view(link[1]).size());
        long rounds = Math.max(a.engine.gosetRounds(link[0]), b.engine.gosetRounds(link[1]));
        return new long[] {rounds, link[0].sent + link[1].sent, scheduler.nowMillis()};
    }

    private static SigningKey feed(String node, int i) {
        return SigningKey.fromSeed(org.tinyssb.codec.Sha256.digest((node + "/" + i).getBytes()));
    }

    @Test
    void disjointSetsOfAHundredAgreeInAFewRoundsOverAStreamLink() throws Exception {
        long[] r = converge(LinkProfile.stream(1024), 0);
        System.out.printf("GOset 100+100 keys, stream link: %d rounds, %d packets, %.1f s%n", r[0], r[1], r[2] / 1000.0);
        assertTrue(r[0] <= 4, "rounds: " + r[0]);
    }

    @Test
    void disjointSetsOfAHundredAgreeOverAPacedRadioLinkWithTheReferenceBudgets() throws Exception {
        long[] r = converge(new LinkProfile(120, 10, true), 0);
        System.out.printf("GOset 100+100 keys, paced radio link: %d rounds, %d packets, %.1f s%n", r[0], r[1], r[2] / 1000.0);
        // at 3 help packets per round each side needs at least ~34 rounds to hear 100 keys
        assertTrue(r[0] <= 100, "rounds: " + r[0]);
    }

    @Test
    void disjointSetsAgreeDespiteThirtyPercentLoss() throws Exception {
        long[] r = converge(LinkProfile.stream(1024), 0.3);
        System.out.printf("GOset 100+100 keys, stream link, 30%% loss: %d rounds, %d packets%n", r[0], r[1]);
        assertTrue(r[0] <= 16, "rounds: " + r[0]);
    }
}
