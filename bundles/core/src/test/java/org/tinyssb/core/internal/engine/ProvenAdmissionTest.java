package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.codec.GoSetMessage;

/**
 * Keys peers announce spread to other links' GOsets only once a valid entry of them arrived (in
 * every admission mode). 5,000 random keys poured into a node leave its GOset and its neighbours'
 * untouched (only the spammer's own link names them) and its memory bounded, while a new good node
 * that nobody follows is taken in as soon as its first entry is fetched, and its feed replicates.
 */
class ProvenAdmissionTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Random random = new Random(5);

    private SimNode node(String name, long seed, boolean withFeed) throws Exception {
        SimNode n = new SimNode(name, scheduler, EngineConfig.defaults(), seed);
        n.identity(0);
        n.start();
        if (withFeed) {
            n.engine.publish(n.keys.get(0), (name + " says hello").getBytes(StandardCharsets.UTF_8));
        }
        return n;
    }

    private SimulatedLink[] connect(SimNode a, SimNode b) {
        SimulatedLink[] l = SimulatedLink.pair(a.name + "-" + b.name, b.name + "-" + a.name, LinkProfile.stream(1024),
                scheduler, 10, 0, random);
        a.attach(l[0]);
        b.attach(l[1]);
        return l;
    }

    private static FeedId feed(SimNode n) {
        return n.keys.get(0).feedId();
    }

    @Test
    void spamNeverEntersTheGosetWhileANewGoodNodeIsTakenInOnceItsFirstEntryArrives() throws Exception {
        SimNode g1 = node("g1", 1, true);
        SimNode g2 = node("g2", 2, true);
        SimulatedLink[] g1g2 = connect(g1, g2);
        assertTrue(scheduler.runUntil(() -> g1.height(feed(g2)) == 1 && g2.height(feed(g1)) == 1, 120_000),
                "two nodes that follow nobody take each other's feed in once its first entry is fetched");
        assertEquals(2, g1.engine.view().size());

        RecordingLink hostile = new RecordingLink();
        g1.engine.attach(hostile);
        for (int i = 0; i < 5_000; i++) {
            byte[] a = new byte[32];
            byte[] b = new byte[32];
            random.nextBytes(a);
            random.nextBytes(b);
            FeedId lo = FeedId.of(a);
            FeedId hi = FeedId.of(b);
            g1.engine.receive(hostile, new GoSetMessage.Novelty(lo).encode());
            g1.engine.receive(hostile, new GoSetMessage.Claim(lo.compareTo(hi) < 0 ? lo : hi,
                    lo.compareTo(hi) < 0 ? hi : lo, a, 7).encode());
        }
        scheduler.advance(60_000);
        System.out.printf("after 5,000 spam keys: GOsets g1 %d, g2 %d; g1 holds %d candidates, g1's feeds() lists %d%n",
                g1.engine.view().size(), g2.engine.view().size(), g1.engine.candidates(), g1.engine.feeds().size());
        assertEquals(2, g1.engine.view().size(), "no spam key entered g1's GOset");
        assertEquals(2, g1.engine.view(g1g2[0]).size(), "nor the one it claims towards g2");
        assertEquals(2, g2.engine.view().size(), "nor its neighbour's");
        assertEquals(2, g2.engine.view(g1g2[1]).size(), "on either side of their link");
        assertTrue(g1.engine.view(hostile).size() <= LinkGoSet.MAX_LEARNED,
                "the spammer's link names its keys, as many as a claim can count");
        assertTrue(g1.engine.candidates() <= GoSetExchange.MAX_ANNOUNCED, "announced keys stay bounded");
        assertEquals(2, g1.engine.feeds().size(), "candidates are not listed as feeds");

        SimNode g3 = node("g3", 3, true); // followed by nobody
        connect(g3, g2);
        assertTrue(scheduler.runUntil(() -> g2.height(feed(g3)) == 1 && g1.height(feed(g3)) == 1, 300_000),
                "the new node's first entry reaches g2 and, through g2, g1");
        assertTrue(g2.engine.view().indexOf(feed(g3)) >= 0 && g1.engine.view().indexOf(feed(g3)) >= 0,
                "and its key entered their GOsets");
        g3.engine.publish(g3.keys.get(0), "more".getBytes(StandardCharsets.UTF_8));
        assertTrue(scheduler.runUntil(() -> g1.height(feed(g3)) == 2, 120_000), "its feed replicates on");

        NodeEngine restarted = new NodeEngine(EngineConfig.defaults(), g1.store, scheduler, new Random(7), f -> true,
                EngineEvents.NONE);
        g1.engine.stop();
        restarted.start(List.of(feed(g1)), Set.of());
        assertEquals(Set.of(feed(g1), feed(g2), feed(g3)), Set.copyOf(restarted.view().keys()),
                "after a restart the GOset holds the three good feeds and nothing else");
        assertFalse(restarted.candidates() > 0, "candidates are not kept across a restart");
    }
}
