package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.store.memory.internal.MemoryFeedStore;

/**
 * Bulk replication over a point-to-point socket (a pub, a node on the LAN): GOset agreement in one
 * exchange rather than one regular round (15 s) per step, and a backlog of answers on a saturated
 * link that does not turn into asking for everything twice.
 */
class StreamLinkTest {
    private static final int FEEDS = 10;
    private static final int ENTRIES = 100;

    @Test
    void aNewPeerOfAStreamLinkAgreesOnTheGoSetWithinASecondAndGetsEverythingWithFewDuplicates()
            throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        SimNode author = new SimNode("author", scheduler, EngineConfig.defaults(), 1);
        List<SigningKey> keys = author.identities(FEEDS);
        author.start();
        long needed = author.publishEveryTenthLong(keys, ENTRIES, 2048);
        SimNode reader = new SimNode("reader", scheduler, EngineConfig.defaults(), 2);
        reader.identity(0);
        reader.start();
        SimulatedLink[] pair = SimulatedLink.pair("author-reader", "reader-author", LinkProfile.stream(1024),
                scheduler, 1, 0, new Random(3));
        SimulatedLink.spaceDeliveries(pair, 1); // a saturated link: answers queue up
        author.attach(pair[0]);
        reader.attach(pair[1]);

        assertTrue(scheduler.runUntil(() -> reader.height(keys.get(0).feedId()) >= 1, 1_000),
                "the first entry arrives within a second: the GOset was agreed without waiting for regular rounds");
        boolean done = scheduler.runUntil(() -> holdsEverything(reader, keys), 10 * 60_000);
        assertTrue(done, "the reader holds every entry and chunk");
        long duplicates = reader.engine.metrics().droppedByReason().getOrDefault("unmatched", 0L);
        System.out.printf("stream link, %d feeds x %d entries: %.1f s virtual, %d packets for %d entries and chunks,"
                + " %d duplicates%n", FEEDS, ENTRIES, scheduler.nowMillis() / 1000.0, pair[0].sent, needed, duplicates);
        assertTrue(duplicates * 20 <= needed, duplicates + " packets arrived twice of " + needed + " needed");
    }

    private static boolean holdsEverything(SimNode n, List<SigningKey> keys) {
        for (SigningKey k : keys) {
            if (n.height(k.feedId()) != ENTRIES || !n.store.log(k.feedId()).orElseThrow().pendingChains().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void peersThatCannotAgreeBecauseAPolicyRefusesAKeyAnswerEachOtherLessAndLessOften() throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        SimNode open = new SimNode("open", scheduler, EngineConfig.defaults(), 1);
        for (int i = 0; i < 5; i++) {
            open.identity(i);
        }
        open.start();
        SigningKey own = SigningKey.fromSeed(new byte[32]);
        // a key strictly inside the range both sets span, so that their claims keep differing
        List<FeedId> all = new ArrayList<>(open.keys.stream().map(SigningKey::feedId).toList());
        all.add(own.feedId());
        all.sort(null);
        FeedId refused = all.get(2).equals(own.feedId()) ? all.get(3) : all.get(2);
        NodeEngine strict = new NodeEngine(EngineConfig.defaults(), new MemoryFeedStore(), scheduler, new Random(2),
                feed -> !feed.equals(refused), EngineEvents.NONE);
        strict.start(List.of(own.feedId()), Set.of());
        SimulatedLink[] pair = SimulatedLink.pair("open-strict", "strict-open", LinkProfile.stream(1024), scheduler,
                5, 0, new Random(3));
        open.attach(pair[0]);
        pair[1].attach((from, p) -> strict.receive(from, p));
        strict.attach(pair[1]);

        scheduler.advance(10 * 60_000);
        long rounds = open.engine.gosetRounds(pair[0]) + strict.gosetRounds(pair[1]);
        // regular rounds: 2 x 40 in 10 minutes; answers to differing claims (after 0.25, 0.5, ... 8 s,
        // then no more) add at most 6 per side, not one per claim heard
        assertTrue(rounds <= 2 * 41 + 2 * 6, rounds + " GOset rounds in 10 minutes");
        assertEquals(5, strict.feeds().size(), "the strict node holds every key but the refused one");
    }
}
