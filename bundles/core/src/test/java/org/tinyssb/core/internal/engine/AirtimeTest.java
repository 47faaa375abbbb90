package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.radio.LoRaSettings;
import org.tinyssb.api.radio.RadioPlans;

/**
 * Air time on LoRa meshes in virtual time: control traffic that backs off while neighbours agree
 * (Trickle), a new entry pushed to the neighbours, and meshes where some nodes keep the fixed
 * rounds of the reference implementations (the ESP32 firmware: GOset every 20 s, vectors every
 * 7 s, 2 help packets).
 */
class AirtimeTest {
    private static final LoRaSettings EU868_A = RadioPlans.parse("main/EU868.a").settings(14, false);
    private static final long MINUTE = 60_000;

    /** What the ESP32 firmware does on the air: fixed rounds, no back-off, no suppression, nothing kept that it overheard. */
    static EngineConfig referenceRounds() {
        EngineConfig d = EngineConfig.defaults();
        return new EngineConfig(d.gosetCap(), 20_000, d.gosetEarlyRoundMillis(), 1, 2, d.gosetHelpPacketsStream(),
                d.vectorBudgetBytes(), 3, d.answerCreditStream(), 7_000, 7_000, 7_000, d.maxContentLength(),
                d.viewHistory(), d.maxPendingChains(), d.othersContentQuotaBytes(), 0, false);
    }

    /** Two nodes in sync at EU868's 1 %, with peer beacons as a node sends them by default (every 10 min). */
    private static LoRaNetwork twoNodesInSync() throws Exception {
        LoRaNetwork net = new LoRaNetwork(2, "line", 0.1, EU868_A, 0.01, 10, 50, 7, i -> EngineConfig.defaults(),
                600_000);
        LoRaNetwork.Result r = net.run(48 * 3600);
        assertTrue(r.complete(), "the two nodes sync within 48 virtual hours");
        System.out.printf("2 nodes at 1 %%: in sync after %.1f h (air-time floor %.1f h: %.2f x), %.2f frames per item, "
                + "%.0f %% of the air time control%n", r.virtualSeconds() / 3600, r.floorSeconds() / 3600,
                r.timeOverFloor(), r.framesPerItem(), 100 * r.controlShare());
        double accounted = 0;
        for (int i = 0; i < 2; i++) {
            org.tinyssb.api.NodeMetrics.Airtime a = net.engine(i).metrics().links().get(0).airtime();
            accounted += a.millisByKind().values().stream().mapToDouble(Double::doubleValue).sum();
            assertTrue(a.usedMillis() <= a.budgetMillis() + 1e-6, "within the duty budget");
        }
        System.out.printf("air time the nodes accounted by kind: %.1f s, on the air: %.1f s%n", accounted / 1000,
                r.airtimeSeconds());
        assertTrue(accounted >= r.airtimeSeconds() * 1000 - 1e-6, "every frame on the air is accounted to a kind");
        net.runFor(30 * MINUTE); // the back-off reaches its longest interval
        return net;
    }

    @Test
    void aTwoNodeMeshInSyncAtOnePercentSendsAtMostOneControlFramePerRadioEveryThreeMinutes() throws Exception {
        LoRaNetwork net = twoNodesInSync();
        long[] before = {net.controlSent(0), net.controlSent(1)};
        java.util.List<java.util.Map<String, Long>> kindsBefore = java.util.List.of(net.sentByKind(0), net.sentByKind(1));
        long hours = 3;
        net.runFor(hours * 60 * MINUTE);
        for (int i = 0; i < 2; i++) {
            double perThreeMinutes = (net.controlSent(i) - before[i]) / (hours * 20.0);
            java.util.Map<String, Long> kinds = new java.util.TreeMap<>(net.sentByKind(i));
            java.util.Map<String, Long> was = kindsBefore.get(i);
            kinds.replaceAll((k, n) -> n - was.getOrDefault(k, 0L));
            System.out.printf("node %d in sync: %d control frames in %d h, %.2f per 3 minutes (%s)%n", i,
                    net.controlSent(i) - before[i], hours, perThreeMinutes, kinds);
            assertTrue(perThreeMinutes <= 1.0, "node " + i + " sends " + perThreeMinutes + " control frames per 3 minutes");
        }
    }

    @Test
    void aNewEntryOfANodeInSyncReachesItsNeighbourInAFrameOrTwo() throws Exception {
        LoRaNetwork net = twoNodesInSync();
        net.setLoss(0); // the push itself, not the luck of a lossy channel, is what is measured here
        FeedId feed = net.key(0).feedId();
        long height = net.height(1, feed);
        long framesBefore = net.framesSent();
        long publishedAt = net.clock().nowMillis();
        net.engine(0).publish(net.key(0), "news".getBytes(StandardCharsets.UTF_8));
        boolean arrived = net.clock().runUntil(() -> net.height(1, feed) == height + 1, 30 * MINUTE);
        long frames = net.framesSent() - framesBefore;
        double seconds = (net.clock().nowMillis() - publishedAt) / 1000.0;
        System.out.printf("a new entry reached the neighbour after %.1f s and %d frames%n", seconds, frames);
        assertTrue(arrived, "the neighbour gets the new entry within 30 virtual minutes");
        assertTrue(frames <= 2, frames + " frames for one new entry (the push, and at most one more)");
        assertTrue(seconds < 5, "the push goes on the air at once: " + seconds + " s");

        net.setLoss(0.1); // and when the push is lost, the vectors' back-off starts over and fetches it
        long again = net.height(1, feed);
        net.engine(0).publish(net.key(0), "more news".getBytes(StandardCharsets.UTF_8));
        assertTrue(net.clock().runUntil(() -> net.height(1, feed) == again + 1, 30 * MINUTE),
                "the neighbour gets a second new entry within 30 virtual minutes on the lossy channel");
    }

    /**
     * The same meshes over a dozen seeds each: a node between a neighbour on the reference's rounds
     * and one that lacked a key at the end of the set (which only a claim of the whole set shows)
     * used to leave its claims out for good, because the first neighbour kept claiming the same
     * set as it; the second never learnt the key, and a feed stalled (1 to 3 runs in 36).
     */
    @Test
    void mixedMeshesConvergeWhateverTheRandomness() throws Exception {
        List<String> stalled = new ArrayList<>();
        for (String mesh : new String[] {"line odd nodes", "star the hub", "star the leaves"}) {
            String topology = mesh.split(" ")[0];
            java.util.function.IntPredicate isReference = mesh.endsWith("odd nodes") ? i -> i % 2 == 1
                    : mesh.endsWith("hub") ? i -> i == 0 : i -> i != 0;
            for (long seed = 1; seed <= 12; seed++) {
                LoRaNetwork net = new LoRaNetwork(5, topology, 0.1, EU868_A, 1.0, 10, 20, seed,
                        i -> isReference.test(i) ? referenceRounds() : EngineConfig.defaults());
                if (!net.run(24 * 3600).complete()) {
                    stalled.add(mesh + ", seed " + seed);
                }
            }
        }
        assertEquals(List.of(), stalled, "every mesh converges within 24 virtual hours");
    }

    @ParameterizedTest(name = "{0} nodes, {1}, reference rounds on {2}")
    @CsvSource({"5, line, odd nodes", "5, star, the hub", "5, star, the leaves"})
    void meshesWithNodesOnTheReferenceFixedRoundsConverge(int nodes, String topology, String reference) throws Exception {
        java.util.function.IntPredicate isReference = switch (reference) {
            case "odd nodes" -> i -> i % 2 == 1;
            case "the hub" -> i -> i == 0;
            default -> i -> i != 0;
        };
        LoRaNetwork net = new LoRaNetwork(nodes, topology, 0.1, EU868_A, 1.0, 10, 20, 11,
                i -> isReference.test(i) ? referenceRounds() : EngineConfig.defaults());
        LoRaNetwork.Result r = net.run(24 * 3600);
        System.out.printf("mixed %d-node %s (reference rounds on %s): complete %s in %.0f s virtual, %.2f frames per "
                + "item%n", nodes, topology, reference, r.complete(), r.virtualSeconds(), r.framesPerItem());
        assertTrue(r.complete(), "every node, of either kind, holds every entry and chunk within 24 virtual hours");
    }
}
