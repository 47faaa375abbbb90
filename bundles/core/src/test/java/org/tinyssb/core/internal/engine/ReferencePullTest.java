package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.codec.SigningKey;

/**
 * A peer that pulls as the reference pub does ({@link ReferenceVectorPeer}: it asks every few
 * milliseconds once answers flow, takes 3 ms per entry, and only the next entry of each feed)
 * replicates 20 feeds x 50 entries from this node over a stream link; answers still on their way
 * are not sent again, so the node sends about one packet per item, whatever its answer credit,
 * and a larger credit is not slower than the reference's own 3.
 */
class ReferencePullTest {
    private static final int FEEDS = 20;
    private static final int ENTRIES = 50;

    record Run(int credit, double seconds, long sent, long needed, long unmatched) {
        double perItem() {
            return sent / (double) needed;
        }
    }

    @Test
    void aReferencePullingPeerGetsAboutOnePacketPerItem() throws Exception {
        Map<Integer, Run> runs = new LinkedHashMap<>();
        for (int credit : new int[] {3, 24, 96}) {
            runs.put(credit, pull(credit));
        }
        System.out.println("towards a reference-pulling peer, " + FEEDS + " feeds x " + ENTRIES + " entries:");
        System.out.println("credit  virtual s  packets  items  per item  unmatched at the peer");
        for (Run r : runs.values()) {
            System.out.printf("%6d  %9.1f  %7d  %5d  %8.2f  %d%n", r.credit, r.seconds, r.sent, r.needed, r.perItem(),
                    r.unmatched);
        }
        Run standard = runs.get(EngineConfig.defaults().answerCreditStream());
        assertTrue(standard.perItem() <= 1.2, "packets per item delivered " + standard.perItem());
        assertTrue(standard.seconds <= runs.get(3).seconds,
                "the default credit is slower than the reference's own: " + standard.seconds + " s vs "
                        + runs.get(3).seconds + " s");
    }

    private static Run pull(int credit) throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        SimNode author = new SimNode("author", scheduler, EngineConfig.defaults().withAnswerCreditStream(credit), 1);
        List<SigningKey> keys = author.identities(FEEDS);
        author.start();
        long needed = author.publishEveryTenthLong(keys, ENTRIES, 400);
        ReferenceVectorPeer pub = new ReferenceVectorPeer(scheduler, author.engine.view().keys(), 3, 0.1);
        SimulatedLink[] pair = SimulatedLink.pair("node-pub", "pub-node", LinkProfile.stream(1024), scheduler, 1, 0,
                new Random(3));
        author.attach(pair[0]);
        pub.attach(pair[1]);
        boolean done = scheduler.runUntil(() -> pub.incompleteChains() == 0
                && keys.stream().allMatch(k -> pub.height(k.feedId()) == ENTRIES), 60 * 60_000);
        assertTrue(done, "credit " + credit + ": the reference-pulling peer holds " + pub.entries + " entries and "
                + pub.chunks + " chunks after an hour");
        return new Run(credit, scheduler.nowMillis() / 1000.0, pair[0].sent, needed, pub.unmatched);
    }
}
