package org.tinyssb.bench;

import java.util.List;
import org.tinyssb.api.radio.RadioPlans;
import org.tinyssb.core.internal.engine.EngineConfig;
import org.tinyssb.core.internal.engine.LoRaNetwork;

/**
 * LoRa meshes in virtual time (the real engine on simulated radios with time on air, collisions,
 * 10 % loss, range by topology): 10 feeds x 50 entries spread over 2, 5 and 10 nodes in a line and
 * a star, with the radios free to send (100 %) and within EU868's 1 % duty cycle. Each case runs
 * twice side by side: with the fixed rounds the node used to keep (as the reference
 * implementations do) and with control traffic that backs off (Trickle, the default). Reports the
 * virtual time until every node holds everything and its ratio to the air-time floor (every item
 * on the air once within the duty budget), the frames sent per entry or chunk delivered, the
 * share of the air time spent on control traffic, and the collisions.
 */
public final class LoRaBenchmark {
    private LoRaBenchmark() {
    }

    public static void run() throws Exception {
        System.out.println("LoRa mesh (main/EU868.a, SF7/250 kHz), 10 feeds x 50 entries (every tenth with a 3-chunk"
                + " side chain), 10 % loss, virtual time; fixed rounds | back-off");
        System.out.println();
        System.out.println("nodes  topology  duty  rounds    complete  time     x floor  frames  frames/item  control  collisions");
        System.out.println("-----  --------  ----  --------  --------  -------  -------  ------  -----------  -------  ----------");
        for (double duty : List.of(1.0, 0.01)) {
            for (Object[] c : new Object[][] {{2, "line"}, {5, "line"}, {5, "star"}, {10, "line"}, {10, "star"}}) {
                for (boolean backOff : new boolean[] {false, true}) {
                    int nodes = (Integer) c[0];
                    String topology = (String) c[1];
                    EngineConfig config = backOff ? EngineConfig.defaults() : EngineConfig.defaults().withControlBackoff(0);
                    LoRaNetwork net = new LoRaNetwork(nodes, topology, 0.1,
                            RadioPlans.parse("main/EU868.a").settings(14, false), duty, 10, 50, 7, i -> config);
                    LoRaNetwork.Result r = net.run(14 * 24 * 3600);
                    System.out.printf("%5d  %-8s  %3.0f%%  %-8s  %-8s  %5.1f h  %7.2f  %6d  %11.2f  %6.0f%%  %10d%n",
                            nodes, topology, duty * 100, backOff ? "back-off" : "fixed", r.complete() ? "yes" : "NO",
                            r.virtualSeconds() / 3600, r.timeOverFloor(), r.framesSent(), r.framesPerItem(),
                            100 * r.controlShare(), r.collisions());
                }
            }
        }
    }
}
