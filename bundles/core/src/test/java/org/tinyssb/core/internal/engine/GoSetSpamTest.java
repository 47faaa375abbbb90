package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.codec.GoSetMessage;
import org.tinyssb.codec.SigningKey;

/**
 * A hostile link pours 5,000 random keys (novelties and claims) into one of three good nodes: the
 * GOset of that link fills up with them, the GOsets of every other link stay the good feeds (keys
 * spread only once a valid entry of them is held). The feeds the operators follow replicate on, a
 * fourth good node joins and syncs, and after a restart the spam is gone: keys that never showed a
 * valid entry took no place in the store.
 */
class GoSetSpamTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Random random = new Random(99);

    private SimNode good(String name, long seed) throws Exception {
        SimNode n = new SimNode(name, scheduler, EngineConfig.defaults(), seed);
        n.identity(0);
        n.start();
        n.engine.publish(n.keys.get(0), (name + " says hello").getBytes(StandardCharsets.UTF_8));
        return n;
    }

    private void connect(SimNode a, SimNode b) {
        SimulatedLink[] l = SimulatedLink.pair(a.name + "-" + b.name, b.name + "-" + a.name, LinkProfile.stream(1024),
                scheduler, 10, 0, random);
        a.attach(l[0]);
        b.attach(l[1]);
    }

    private static FeedId feed(SimNode n) {
        return n.keys.get(0).feedId();
    }

    /** Virtual milliseconds until every node of {@code readers} holds entry {@code seq} of {@code author}'s feed. */
    private long publishAndAwait(SimNode author, long seq, List<SimNode> readers) throws Exception {
        long start = scheduler.nowMillis();
        author.engine.publish(author.keys.get(0), ("news " + seq).getBytes(StandardCharsets.UTF_8));
        boolean arrived = scheduler.runUntil(() -> readers.stream().allMatch(r -> r.height(feed(author)) >= seq), 600_000);
        assertTrue(arrived, "entry " + seq + " of " + author.name + " did not reach every good node");
        return scheduler.nowMillis() - start;
    }

    @Test
    void spamFillsTheGosetButFollowedFeedsReplicateANewNodeJoinsAndARestartForgetsTheSpam() throws Exception {
        SimNode g1 = good("g1", 1);
        SimNode g2 = good("g2", 2);
        SimNode g3 = good("g3", 3);
        List<SimNode> nodes = List.of(g1, g2, g3);
        for (SimNode n : nodes) {
            for (SimNode other : nodes) {
                if (other != n) {
                    n.engine.follow(feed(other));
                }
            }
        }
        connect(g1, g2);
        connect(g2, g3);
        connect(g1, g3);
        scheduler.advance(30_000);
        long normal = publishAndAwait(g3, 2, List.of(g1, g2));

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
            g1.engine.receive(hostile, new GoSetMessage.Claim(lo.compareTo(hi) < 0 ? lo : hi, lo.compareTo(hi) < 0 ? hi : lo,
                    a, 7).encode());
        }
        scheduler.advance(60_000); // (claims of g1 spread no spam: GOsets fill with feeds held, not announced)
        System.out.printf("GOsets after 5,000 spam keys: the spammer's link %d, g1 %d, g2 %d, g3 %d%n",
                g1.engine.view(hostile).size(), g1.engine.view().size(), g2.engine.view().size(), g3.engine.view().size());
        assertEquals(LinkGoSet.MAX_LEARNED, g1.engine.view(hostile).size(),
                "the spam filled the GOset of the spammer's link (as many keys as a claim can count)");
        for (SimNode n : nodes) {
            assertEquals(3, n.engine.view().size(), n.name + "'s other links claim the three good feeds only");
        }

        long spammed = publishAndAwait(g3, 3, List.of(g1, g2));
        System.out.printf("a new entry of a followed feed: %.1f s before the spam, %.1f s after%n", normal / 1000.0,
                spammed / 1000.0);
        assertTrue(spammed <= normal + 3 * EngineConfig.defaults().rttMaxMillis(),
                "within three vector rounds of normal: " + normal + " ms before, " + spammed + " ms after");

        SimNode g4 = new SimNode("g4", scheduler, EngineConfig.defaults(), 4);
        g4.start();
        for (SimNode n : nodes) {
            g4.engine.follow(feed(n));
        }
        connect(g4, g2);
        assertTrue(scheduler.runUntil(() -> nodes.stream().allMatch(n -> g4.height(feed(n)) == n.height(feed(n))),
                600_000), "the new node syncs the good feeds");

        NodeEngine restarted = new NodeEngine(EngineConfig.defaults(), g1.store, scheduler, new Random(7), f -> true,
                EngineEvents.NONE);
        g1.engine.stop();
        restarted.start(List.of(feed(g1)), Set.of(), java.util.Map.of(), List.of(feed(g2), feed(g3)));
        List<FeedId> spamLeft = new ArrayList<>(restarted.view().keys());
        spamLeft.removeAll(List.of(feed(g1), feed(g2), feed(g3)));
        System.out.printf("after a restart g1's GOset holds %d keys (%d of them not good feeds)%n",
                restarted.view().size(), spamLeft.size());
        assertTrue(spamLeft.isEmpty(), "spam keys without entries outlived the restart: " + spamLeft.size());
    }
}
