package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.store.memory.internal.MemoryFeedStore;

/**
 * A node whose store lost entries of its own feed (a change of store, a backup restored) must not
 * append to it: it would fork the feed, and peers holding the lost entries would refuse the new
 * ones forever. It gets its entries back from peers first.
 */
class OwnFeedRecoveryTest {
    @Test
    void aNodeOnAnEmptyStoreWaitsForItsOwnEntriesFromAPeerBeforePublishing() throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        SimNode peer = new SimNode("peer", scheduler, EngineConfig.defaults(), 1);
        peer.start();

        SigningKey me = SigningKey.fromSeed(new byte[32]);
        NodeEngine before = new NodeEngine(EngineConfig.defaults(), new MemoryFeedStore(), scheduler, new Random(2),
                f -> true, EngineEvents.NONE);
        before.start(List.of(me.feedId()), Set.of());
        for (int i = 0; i < 3; i++) {
            before.publish(me, ("entry " + i).getBytes());
        }
        SimulatedLink[] first = SimulatedLink.pair("me", "peer", LinkProfile.stream(1024), scheduler, 10, 0,
                new Random(3));
        first[0].attach((from, p) -> before.receive(from, p));
        before.attach(first[0]);
        peer.attach(first[1]);
        assertTrue(scheduler.runUntil(() -> peer.height(me.feedId()) == 3, 60_000), "the peer has my 3 entries");
        before.stop();
        peer.engine.detach(first[1]);

        // the node comes back on an empty store, knowing it had published 3 entries
        MemoryFeedStore emptyStore = new MemoryFeedStore();
        NodeEngine after = new NodeEngine(EngineConfig.defaults(), emptyStore, scheduler, new Random(4), f -> true,
                EngineEvents.NONE);
        after.start(List.of(me.feedId()), Set.of(), before.published());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> after.publish(me, "a fork".getBytes()));
        assertTrue(refused.getMessage().contains("would fork it"), refused.getMessage());

        SimulatedLink[] second = SimulatedLink.pair("me2", "peer2", LinkProfile.stream(1024), scheduler, 10, 0,
                new Random(5));
        second[0].attach((from, p) -> after.receive(from, p));
        after.attach(second[0]);
        peer.attach(second[1]);
        assertTrue(scheduler.runUntil(() -> emptyStore.log(me.feedId()).orElseThrow().height() == 3, 60_000),
                "my entries came back from the peer");
        assertEquals(4, after.publish(me, "entry 3".getBytes()), "and the feed continues where it was");
    }
}
