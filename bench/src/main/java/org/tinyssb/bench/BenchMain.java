package org.tinyssb.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints their ratios: {@code java -jar bench/target/benchmarks.jar
 * [ingest|store|nodes|lora|scale [N ...]] [quick]} (all of them when no name is given; {@code quick} for a
 * short JMH run). {@code nodes} and {@code scale} start the built distribution ({@code launcher/target/tinyssb-node}).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        // the engines' and stores' INFO lines would bury the figures (-D... on the command line wins)
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        java.util.List<String> a = java.util.List.of(args);
        boolean all = a.stream().noneMatch(x -> x.equals("ingest") || x.equals("store") || x.equals("nodes")
                || x.equals("lora") || x.equals("scale"));
        if (all || a.contains("ingest")) {
            ingest(a.contains("quick"));
        }
        if (all || a.contains("store")) {
            org.tinyssb.store.file.internal.StoreBenchmark.run(java.nio.file.Path.of("bench", "target"));
        }
        if (all || a.contains("lora")) {
            LoRaBenchmark.run();
        }
        if (all || a.contains("scale")) {
            // sizes given after "scale" (numbers), else 1,000, 10,000 and 100,000 feeds
            List<Integer> sizes = a.stream().filter(x -> x.matches("\\d+")).map(Integer::valueOf).toList();
            ScaleBenchmark.run(java.nio.file.Path.of("launcher", "target", "tinyssb-node"),
                    java.nio.file.Path.of("bench", "target"), sizes.isEmpty() ? List.of(1_000, 10_000, 100_000) : sizes);
        }
        if (all || a.contains("nodes")) {
            NodeToNodeBenchmark.run(java.nio.file.Path.of("launcher", "target", "tinyssb-node"),
                    java.nio.file.Path.of("bench", "target"));
        }
    }

    private static void ingest(boolean quick) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(IngestBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(quick ? 2 : 5)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 3 : 8)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .jvmArgsAppend("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> scores = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            scores.put(name.substring(name.lastIndexOf('.') + 1),
                    new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }
        double[] raw = scores.get("rawEd25519Verify");
        double[] ingest = scores.get("ingestEntries");
        System.out.println();
        System.out.printf("raw Bouncy Castle Ed25519 verifications : %,10.0f /s (± %,.0f)%n", raw[0], raw[1]);
        System.out.printf("entries verified and stored by the node : %,10.0f /s (± %,.0f)%n", ingest[0], ingest[1]);
        System.out.printf("ratio ingest / raw verify               : %10.2f%n", ingest[0] / raw[0]);
    }
}
