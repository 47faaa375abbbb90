package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Dmx;
import org.tinyssb.codec.FeedPages;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;

/**
 * A peer that claims to hold ten million feeds: it answers every feed page request with full
 * pages of random ids (valid keys and not), never reaching the end, and pours the same page at the
 * node unasked. What it makes the node keep stays bounded (announced keys in memory, the link's
 * queue, nothing on disk), and a followed feed from a good peer keeps flowing meanwhile.
 */
class HostileFeedPagesTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Random random = new Random(11);

    /** The hostile peer: answers requests with endless pages of random rows, each request in full. */
    private final class EndlessPages implements Link {
        private PacketReceiver receiver;
        long pagesSent;
        long claimed;

        @Override
        public String id() {
            return "endless";
        }

        @Override
        public LinkProfile profile() {
            return LinkProfile.stream(1024);
        }

        @Override
        public void attach(PacketReceiver r) {
            receiver = r;
        }

        @Override
        public boolean send(byte[] packet) {
            if (packet.length < Dmx.LENGTH || Dmx.key(packet, 0) != Dmx.key(Dmx.feedsRequest())) {
                return true; // everything else it ignores
            }
            FeedPages.Request request;
            try {
                request = FeedPages.decodeRequest(packet);
            } catch (CodecException e) {
                throw new AssertionError(e);
            }
            List<byte[]> out = new ArrayList<>();
            if (request.epoch() != 42) {
                out.add(new FeedPages.Epoch(42, 10_000_000).encode());
            } else {
                for (int p = 0; p < request.pages(); p++) {
                    List<FeedPages.Row> rows = new ArrayList<>();
                    for (int r = 0; r < FeedPages.MAX_ROWS; r++) {
                        byte[] id = new byte[32];
                        random.nextBytes(id); // about half of them are not points of the curve
                        rows.add(new FeedPages.Row(FeedId.of(id), 1 + random.nextInt(1_000)));
                        claimed++;
                    }
                    out.add(new FeedPages.Page(request.order(), false, p == request.pages() - 1,
                            random.nextInt(Integer.MAX_VALUE), rows).encode());
                }
            }
            pagesSent += out.size();
            scheduler.schedule(5, () -> out.forEach(p -> receiver.packetReceived(this, p)));
            return true;
        }

        @Override
        public Map<String, Long> counters() {
            return Map.of();
        }
    }

    @Test
    void tenMillionClaimedFeedsCostBoundedMemoryAndAFollowedFeedFlowsOn() throws Exception {
        SimNode good = new SimNode("good", scheduler, EngineConfig.defaults(), 1);
        SigningKey key = good.identity(0);
        good.start();
        good.engine.publish(key, "first".getBytes(StandardCharsets.UTF_8));
        SimNode node = new SimNode("node", scheduler, EngineConfig.defaults(), 2);
        node.identity(0);
        node.start();
        node.engine.follow(key.feedId());
        SimulatedLink[] link = SimulatedLink.pair("good-node", "node-good", LinkProfile.stream(1024), scheduler, 10, 0,
                new Random(3));
        good.attach(link[0]);
        node.attach(link[1]);
        EndlessPages hostile = new EndlessPages();
        node.attach(hostile);
        byte[] page = new FeedPages.Page(FeedPages.Order.OLDER, false, false, 5,
                List.of(new FeedPages.Row(FeedId.of(Sha256.digest("same".getBytes())), 9))).encode();

        int maxAnnounced = 0;
        int maxQueued = 0;
        long worstDelay = 0;
        for (int minute = 1; minute <= 10; minute++) {
            for (int i = 0; i < 1_000; i++) {
                node.engine.receive(hostile, page); // the same page, unasked, again and again
            }
            long at = scheduler.nowMillis();
            good.engine.publish(key, ("minute " + minute).getBytes(StandardCharsets.UTF_8));
            int seq = minute + 1;
            assertTrue(scheduler.runUntil(() -> node.height(key.feedId()) == seq, 60_000),
                    "the followed feed's entry " + seq + " did not arrive within a minute");
            worstDelay = Math.max(worstDelay, scheduler.nowMillis() - at);
            scheduler.advance(60_000 - (scheduler.nowMillis() - at));
            maxAnnounced = Math.max(maxAnnounced, node.engine.candidates());
            maxQueued = Math.max(maxQueued, node.engine.listedWaiting(hostile));
        }
        Map<String, Long> dropped = node.engine.metrics().droppedByReason();
        System.out.printf("10 minutes of a peer claiming 10^7 feeds: %,d rows in %,d pages; the node kept at most %,d "
                + "announced keys and %,d queued rows; the followed feed's entries took at most %.1f s; dropped %s%n",
                hostile.claimed, hostile.pagesSent, maxAnnounced, maxQueued, worstDelay / 1000.0, dropped);
        assertTrue(hostile.claimed > GoSetExchange.MAX_ANNOUNCED, "the walk went on past what the node holds at "
                + "once, giving up what never came: the peer listed " + hostile.claimed + " feeds");
        assertTrue(maxAnnounced <= GoSetExchange.MAX_ANNOUNCED, "announced keys in memory: " + maxAnnounced);
        assertTrue(maxQueued <= Listings.MAX_QUEUED, "rows queued: " + maxQueued);
        assertTrue(dropped.getOrDefault("unasked-feed-page", 0L) >= 10_000, "pages nobody asked for are dropped");
        assertTrue(dropped.getOrDefault("listed-feed-gave-nothing", 0L) > 0, "feeds that never come are given up");
        assertEquals(2, node.store.feeds().size(), "nothing of the claimed feeds reached the store");
        assertTrue(worstDelay <= 10_000, "the followed feed kept flowing: " + worstDelay + " ms");
    }
}
