package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.NodeMetrics;
import org.tinyssb.store.memory.internal.MemoryFeedStore;
import org.tinyssb.testkit.SignedFeed;

/**
 * A peer that reconnects is a new link, whose counters start at 0: the node's totals keep what
 * the links gone carried (a node that served 14,000 entries and chunks showed 11,752 packets out,
 * the count of the link attached last).
 */
class LinkCountersTest {
    @Test
    void theNodesTotalsCountEveryLinkSinceTheStartThoseDetachedToo() throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        NodeEngine e = new NodeEngine(EngineConfig.defaults(), new MemoryFeedStore(), scheduler, new Random(1),
                f -> true, EngineEvents.NONE);
        e.start(List.of(), Set.of());
        SignedFeed feed = SignedFeed.of("counted", 20, 20, 20);
        e.follow(feed.id());

        RecordingLink first = new RecordingLink();
        e.attach(first);
        e.receive(first, feed.entry(1).packet());
        e.receive(first, feed.entry(2).packet());
        scheduler.advance(5_000);
        e.detach(first);
        RecordingLink second = new RecordingLink();
        e.attach(second);
        e.receive(second, feed.entry(3).packet());
        scheduler.advance(5_000);

        NodeMetrics m = e.metrics();
        assertEquals(1, m.links().size(), "one link attached now");
        assertEquals(second.sent.size(), m.links().get(0).packetsOut());
        assertTrue(!first.sent.isEmpty() && !second.sent.isEmpty(), "both links carried packets");
        assertEquals(first.sent.size() + second.sent.size(), m.packetsOut(), "out: both links");
        assertEquals(3, m.packetsIn(), "in: both links");
        assertEquals(3, e.feed(feed.id()).orElseThrow().height());
    }
}
