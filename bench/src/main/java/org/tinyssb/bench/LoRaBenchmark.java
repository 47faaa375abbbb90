package org.tinyssb.bench;

import java.util.List;
import org.tinyssb.api.radio.RadioPlans;
import org.tinyssb.core.internal.engine.LoRaNetwork;

/**
 * LoRa meshes in virtual time (the real engine on simulated radios with time on air, collisions,
 * 10 % loss, range by topology): 10 feeds x 50 entries spread over 2, 5 and 10 nodes in a line and
 * a star, with the radios free to send (100 %) and within EU868's 1 % duty cycle, side by side.
 * Reports the virtual time until every node holds everything, the frames sent per entry or chunk
 * delivered, the collisions and the total air time.
 */
public final class LoRaBenchmark {
    private LoRaBenchmark() {
    }

    public static void run() throws Exception {
        System.out.println("LoRa mesh (EU868.a, SF7/250 kHz), 10 feeds x 50 entries (every tenth with a 3-chunk side"
                + " chain), 10 % loss, virtual time");
        System.out.println();
        System.out.println("nodes  topology  duty   complete  virtual time  frames  frames/item  collisions  airtime");
        System.out.println("-----  --------  -----  --------  ------------  ------  -----------  ----------  -------");
        for (double duty : List.of(1.0, 0.01)) {
            for (Object[] c : new Object[][] {{2, "line"}, {5, "line"}, {5, "star"}, {10, "line"}, {10, "star"}}) {
                int nodes = (Integer) c[0];
                String topology = (String) c[1];
                long started = System.nanoTime();
                LoRaNetwork net = new LoRaNetwork(nodes, topology, 0.1, RadioPlans.parse("main/EU868.a").settings(14, false), duty, 10, 50, 7);
                LoRaNetwork.Result r = net.run(14 * 24 * 3600);
                System.out.printf("%5d  %-8s  %4.0f%%  %-8s  %10.1f h  %6d  %11.2f  %10d  %5.0f s   (%.1f s to compute)%n",
                        nodes, topology, duty * 100, r.complete() ? "yes" : "NO", r.virtualSeconds() / 3600,
                        r.framesSent(), r.framesPerItem(), r.collisions(), r.airtimeSeconds(),
                        (System.nanoTime() - started) / 1e9);
            }
        }
    }
}
