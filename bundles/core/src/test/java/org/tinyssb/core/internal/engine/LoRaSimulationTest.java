package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tinyssb.api.radio.RadioPlans;

/**
 * Whole LoRa meshes in virtual time (the engine on simulated radios: time on air, collisions,
 * 10 % loss, range by topology): 10 feeds x 50 entries spread over the nodes reach every node.
 * The radios may transmit all the time here (duty cycle 100 %), which keeps the test short; the
 * benchmark also runs EU868's 1 %, and {@link AirtimeTest} holds the figures to their goals.
 */
class LoRaSimulationTest {
    @ParameterizedTest(name = "{0} nodes, {1}")
    @CsvSource({"2, line", "5, line", "5, star", "10, line", "10, star"})
    void everyNodeGetsEveryFeedOverTheAir(int nodes, String topology) throws Exception {
        LoRaNetwork net = new LoRaNetwork(nodes, topology, 0.1, RadioPlans.parse("main/EU868.a").settings(14, false),
                1.0, 10, 50, 7);
        LoRaNetwork.Result r = net.run(48 * 3600);
        System.out.printf("LoRa %d nodes (%s), 10 %% loss: complete %s in %.0f s virtual, %d frames, %.2f frames per "
                + "item delivered, %d collisions, %.0f s airtime (%.0f %% control); sent %s%n", nodes, topology,
                r.complete(), r.virtualSeconds(), r.framesSent(), r.framesPerItem(), r.collisions(), r.airtimeSeconds(),
                100 * r.controlShare(), net.sentByKind(-1));
        assertTrue(r.complete(), "every node holds every entry and chunk within 48 virtual hours");
    }
}
