package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.codec.SigningKey;

/**
 * Whole networks in virtual time: every node starts with its own feed (every fifth entry with a
 * 2 KiB content, so a side chain of 21 chunks), and replication must leave every node with a
 * byte-identical store. Reports the virtual time, vector rounds and packets it took.
 */
class ReplicationSimulationTest {
    private static final int ENTRIES = 30;
    private static final long LIMIT_MILLIS = 60 * 60_000;

    record Result(long millis, long rounds, long packets, long lost) {
    }

    private Result simulate(int nodes, double loss, String topology) throws Exception {
        return simulate(nodes, loss, topology, 7);
    }

    Result simulate(int nodes, double loss, String topology, long seed) throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        List<SimNode> net = new ArrayList<>();
        List<FeedId> feeds = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            SimNode n = new SimNode("n" + i, scheduler, EngineConfig.defaults(), 100 + i);
            SigningKey key = n.identity(0);
            n.start();
            publish(n, key);
            feeds.add(key.feedId());
            net.add(n);
        }
        Random random = new Random(seed);
        List<SimulatedLink> links = new ArrayList<>();
        for (int i = 1; i < nodes; i++) {
            int peer = topology.equals("line") ? i - 1 : 0;
            SimulatedLink[] pair = SimulatedLink.pair("n" + peer + "-n" + i, "n" + i + "-n" + peer,
                    LinkProfile.stream(1024), scheduler, 15, loss, random);
            net.get(peer).attach(pair[0]);
            net.get(i).attach(pair[1]);
            links.addAll(List.of(pair));
        }
        boolean done = scheduler.runUntil(() -> allHoldEverything(net, feeds), LIMIT_MILLIS);
        assertTrue(done, "not replicated within " + LIMIT_MILLIS / 60_000 + " virtual minutes: " + heights(net, feeds));
        assertIdenticalStores(net, feeds);

        long rounds = 0;
        for (SimNode n : net) {
            for (SimulatedLink l : links) {
                rounds = Math.max(rounds, n.engine.vectorRounds(l));
            }
        }
        long packets = links.stream().mapToLong(l -> l.sent).sum();
        long lost = links.stream().mapToLong(l -> l.lost).sum();
        Result r = new Result(scheduler.nowMillis(), rounds, packets, lost);
        System.out.printf("%d nodes (%s), %.0f%% loss: replicated in %.1f s virtual time, %d vector rounds, "
                + "%d packets sent (%d lost)%n", nodes, topology, loss * 100, r.millis / 1000.0, r.rounds,
                r.packets, r.lost);
        return r;
    }

    /** Entries 1..ENTRIES; every fifth carries 2 KiB, the others a short text. */
    private static void publish(SimNode n, SigningKey key) throws Exception {
        for (int seq = 1; seq <= ENTRIES; seq++) {
            byte[] content;
            if (seq % 5 == 0) {
                content = new byte[2048];
                new Random(seq * 31L + n.name.hashCode()).nextBytes(content);
            } else {
                content = (n.name + " says hello #" + seq).getBytes(StandardCharsets.UTF_8);
            }
            assertEquals(seq, n.engine.publish(key, content));
        }
    }

    private static boolean allHoldEverything(List<SimNode> net, List<FeedId> feeds) {
        for (SimNode n : net) {
            for (FeedId f : feeds) {
                FeedLog log = n.store.log(f).orElse(null);
                if (log == null || log.height() != ENTRIES || !log.pendingChains().isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String heights(List<SimNode> net, List<FeedId> feeds) {
        StringBuilder s = new StringBuilder();
        for (SimNode n : net) {
            s.append(n.name).append(':');
            for (FeedId f : feeds) {
                s.append(' ').append(n.height(f)).append('/')
                        .append(n.store.log(f).map(l -> l.pendingChains().size()).orElse(-1));
            }
            s.append("; ");
        }
        return s.toString();
    }

    private static void assertIdenticalStores(List<SimNode> net, List<FeedId> feeds) {
        SimNode first = net.get(0);
        for (SimNode n : net) {
            assertEquals(first.store.feeds(), n.store.feeds(), n.name + " holds the same feeds");
            for (FeedId f : feeds) {
                FeedLog expected = first.store.log(f).orElseThrow();
                FeedLog actual = n.store.log(f).orElseThrow();
                assertArrayEquals(expected.lastMessageId(), actual.lastMessageId());
                for (long seq = 1; seq <= ENTRIES; seq++) {
                    assertArrayEquals(expected.entry(seq).orElseThrow(), actual.entry(seq).orElseThrow(),
                            n.name + " " + f.shortId() + "#" + seq);
                    for (int c = 0; expected.chunk(seq, c).isPresent(); c++) {
                        assertTrue(Arrays.equals(expected.chunk(seq, c).get(), actual.chunk(seq, c).orElseThrow()),
                                n.name + " chunk " + c + " of " + f.shortId() + "#" + seq);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} nodes ({2}), loss {1}")
    @CsvSource({"2, 0, line", "2, 0.3, line", "5, 0, line", "5, 0.3, line", "5, 0.3, star"})
    void everyNodeEndsWithEveryFeed(int nodes, double loss, String topology) throws Exception {
        simulate(nodes, loss, topology);
    }
}
