package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;

/**
 * A fresh node learns the GOset of a peer that follows the reference pub's rules and defects
 * ({@link ReferenceGoSetPeer}): it must never send what ends the reference's GOset task, and both
 * must end with the same set, also when the pub holds more than the 100 keys it learns at most
 * (it loads every feed of its data folder).
 */
class ReferenceGoSetTest {
    private static FeedId feed(int i) {
        return SigningKey.fromSeed(Sha256.digest(("pub-feed-" + i).getBytes())).feedId();
    }

    @ParameterizedTest(name = "{0} feeds")
    @ValueSource(ints = {20, 99, 120})
    void aFreshNodeLearnsTheReferencesSetWithoutEndingItsGosetTask(int feeds) throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        List<FeedId> pubs = new ArrayList<>();
        for (int i = 0; i < feeds; i++) {
            pubs.add(feed(i));
        }
        ReferenceGoSetPeer pub = new ReferenceGoSetPeer(scheduler, pubs);
        SimNode node = new SimNode("fresh", scheduler, EngineConfig.defaults(), 4);
        node.identity(0);
        node.start();
        // its own feed has an entry: the node offers it (an empty one it would not)
        node.engine.publish(node.keys.get(0), "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        SimulatedLink[] link = SimulatedLink.pair("node-pub", "pub-node", LinkProfile.stream(1024), scheduler, 20, 0,
                new Random(5));
        node.attach(link[0]);
        pub.attach(link[1]);
        TreeSet<FeedId> all = new TreeSet<>(pubs);
        if (feeds < ReferenceGoSetPeer.CAP) { // a pub at its cap takes no more keys: the node offers it none
            all.add(node.keys.get(0).feedId());
        }
        boolean done = scheduler.runUntil(() -> pub.crash() != null
                || (pub.keys().equals(all) && new TreeSet<>(node.engine.view(link[0]).keys()).equals(all)), 60 * 60_000);
        assertNull(pub.crash(), "the reference's GOset task ended: " + pub.crash());
        assertTrue(done, "not agreed after an hour: the node holds " + node.engine.view(link[0]).size() + " of " + all.size()
                + ", the reference " + pub.keys().size());
        System.out.printf("fresh node and a reference pub with %d feeds agree after %d of its rounds (%.0f s)%n", feeds,
                pub.rounds, scheduler.nowMillis() / 1000.0);
        assertEquals(all.size(), node.engine.view(link[0]).size());
    }
}
