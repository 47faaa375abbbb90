package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.codec.SigningKey;

/**
 * A receiver that stores slower than its socket delivers (a file store syncing each entry) must
 * not ask again for what is already on its way: on a stream link the next vector round waits for
 * the answers to the last one, so hardly any packet crosses the link twice.
 */
class SlowReceiverTest {
    private static final int ENTRIES = 40;

    @Test
    void aStreamLinkToASlowReceiverCarriesAlmostNoDuplicates() throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        SimNode author = new SimNode("author", scheduler, EngineConfig.defaults(), 1);
        SigningKey key = author.identity(0);
        author.start();
        int chunks = 0;
        for (int seq = 1; seq <= ENTRIES; seq++) {
            byte[] content = new byte[seq % 4 == 0 ? 2048 : 20];
            new Random(seq).nextBytes(content);
            author.engine.publish(key, content);
            chunks += seq % 4 == 0 ? 21 : 0;
        }
        SimNode reader = new SimNode("reader", scheduler, EngineConfig.defaults(), 2);
        reader.start();
        SimulatedLink[] pair = SimulatedLink.pair("author-reader", "reader-author", LinkProfile.stream(1024),
                scheduler, 1, 0, new Random(3));
        SimulatedLink.spaceDeliveries(pair, 3); // each packet takes the reader 3 ms to store
        author.attach(pair[0]);
        reader.attach(pair[1]);

        boolean done = scheduler.runUntil(() -> reader.height(key.feedId()) == ENTRIES
                && reader.store.log(key.feedId()).orElseThrow().pendingChains().isEmpty(), 10 * 60_000);
        assertTrue(done, "the reader holds every entry and chunk; it has " + reader.height(key.feedId()));

        long needed = ENTRIES + chunks;
        long duplicates = reader.engine.metrics().droppedByReason().getOrDefault("unmatched", 0L);
        System.out.printf("slow receiver: %d entries and chunks needed, %d packets from the author, %d duplicates, "
                + "%.1f s virtual%n", needed, pair[0].sent, duplicates, scheduler.nowMillis() / 1000.0);
        assertTrue(duplicates * 10 <= needed, duplicates + " packets arrived twice of " + needed + " needed");
    }
}
