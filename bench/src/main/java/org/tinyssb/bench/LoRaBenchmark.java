package org.tinyssb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tinyssb.api.radio.RadioPlans;
import org.tinyssb.core.internal.engine.EngineConfig;
import org.tinyssb.core.internal.engine.LoRaNetwork;

/**
 * LoRa meshes in virtual time (the real engine on simulated radios with time on air, collisions,
 * 10 % loss, range by topology): 10 feeds x 50 entries spread over 2, 5 and 10 nodes in a line and
 * a star, with the radios free to send (100 %) and within EU868's 1 % duty cycle. Each case runs
 * three ways side by side: with the fixed rounds the reference implementations keep; with control
 * traffic that backs off (Trickle) but without reading the neighbourhood from what is overheard
 * (the node before overhearing); and as the node runs by default. Each figure is the mean of
 * {@value #SEEDS} runs with different randomness (loss, jitter, timers): single runs of the same
 * mesh differ by up to a fifth. Reports the virtual time until every node holds everything and its
 * ratio to the air-time floor (every item on the air once within the duty budget), the frames sent
 * per entry or chunk delivered, the share of the air time spent on control traffic, and the
 * collisions.
 */
public final class LoRaBenchmark {
    static final int SEEDS = 5;

    private LoRaBenchmark() {
    }

    private record Variant(String name, EngineConfig config) {
    }

    public static void run() throws Exception {
        EngineConfig defaults = EngineConfig.defaults();
        List<Variant> variants = List.of(
                new Variant("fixed", defaults.withControlBackoff(0).withOverhearing(false)),
                new Variant("back-off", defaults.withOverhearing(false)),
                new Variant("overhear", defaults));
        System.out.println("LoRa mesh (main/EU868.a, SF7/250 kHz), 10 feeds x 50 entries (every tenth with a 3-chunk"
                + " side chain), 10 % loss, virtual time, mean of " + SEEDS + " runs; fixed rounds | back-off |"
                + " back-off and overhearing (the default)");
        System.out.println();
        System.out.println("nodes  topology  duty  rounds    complete  time     x floor  frames  frames/item  control  collisions");
        System.out.println("-----  --------  ----  --------  --------  -------  -------  ------  -----------  -------  ----------");
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
        try {
            for (double duty : List.of(1.0, 0.01)) {
                for (Object[] c : new Object[][] {{2, "line"}, {5, "line"}, {5, "star"}, {10, "line"}, {10, "star"}}) {
                    for (Variant v : variants) {
                        int nodes = (Integer) c[0];
                        String topology = (String) c[1];
                        List<Future<LoRaNetwork.Result>> runs = new ArrayList<>();
                        for (int seed = 7; seed < 7 + SEEDS; seed++) {
                            long s = seed;
                            runs.add(pool.submit(() -> new LoRaNetwork(nodes, topology, 0.1,
                                    RadioPlans.parse("main/EU868.a").settings(14, false), duty, 10, 50, s,
                                    i -> v.config()).run(14 * 24 * 3600)));
                        }
                        boolean complete = true;
                        double hours = 0;
                        double overFloor = 0;
                        double frames = 0;
                        double perItem = 0;
                        double control = 0;
                        double collisions = 0;
                        for (Future<LoRaNetwork.Result> f : runs) {
                            LoRaNetwork.Result r = f.get();
                            complete &= r.complete();
                            hours += r.virtualSeconds() / 3600 / SEEDS;
                            overFloor += r.timeOverFloor() / SEEDS;
                            frames += r.framesSent() / (double) SEEDS;
                            perItem += r.framesPerItem() / SEEDS;
                            control += r.controlShare() / SEEDS;
                            collisions += r.collisions() / (double) SEEDS;
                        }
                        System.out.printf("%5d  %-8s  %3.0f%%  %-8s  %-8s  %5.2f h  %7.2f  %6.0f  %11.2f  %6.0f%%  %10.0f%n",
                                nodes, topology, duty * 100, v.name(), complete ? "yes" : "NO", hours, overFloor,
                                frames, perItem, 100 * control, collisions);
                    }
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
