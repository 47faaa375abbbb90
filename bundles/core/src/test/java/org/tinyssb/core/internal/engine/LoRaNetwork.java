package org.tinyssb.core.internal.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.radio.LoRaSettings;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.codec.EntryContentCodec;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.radio.sim.Medium;
import org.tinyssb.radio.sim.SimRadio;
import org.tinyssb.radio.sim.VirtualClock;

/**
 * Nodes (the real engine over memory stores) with one simulated LoRa radio each on a shared
 * {@link Medium}, in virtual time: time on air, collisions, loss, range, duty cycle. Feeds are
 * spread over the nodes (feed i authored by node i mod n); every tenth entry carries 300 bytes
 * (a side chain of 3 chunks). Shared with the benchmarks through the core's test jar.
 */
public final class LoRaNetwork {
    /** What a run took. */
    public record Result(boolean complete, double virtualSeconds, long framesSent, long itemsDelivered,
            long collisions, double airtimeSeconds, double controlAirtimeSeconds, double floorSeconds) {
        /** Share of the air time that went to control traffic (GOset, vectors, beacons). */
        public double controlShare() {
            return airtimeSeconds == 0 ? 0 : controlAirtimeSeconds / airtimeSeconds;
        }

        /** Time to sync over the air-time floor (every item on the air once, within the duty budget). */
        public double timeOverFloor() {
            return virtualSeconds / floorSeconds;
        }

        /** Frames sent for each entry or chunk a node stored. */
        public double framesPerItem() {
            return framesSent / (double) itemsDelivered;
        }
    }

    private final VirtualClock clock = new VirtualClock();
    private final Medium medium;
    private final List<SimNode> nodes = new ArrayList<>();
    private final List<SimRadio> radios = new ArrayList<>();
    private final List<FeedId> feeds = new ArrayList<>();
    private final int entries;
    private final LoRaSettings settings;
    private final double dutyCycle;
    private long itemsPerNode;

    /**
     * @param topology {@code line} or {@code star}
     */
    public LoRaNetwork(int nodeCount, String topology, double loss, LoRaSettings settings, double dutyCycle,
            int feedCount, int entries, long seed) throws Exception {
        this(nodeCount, topology, loss, settings, dutyCycle, feedCount, entries, seed, i -> EngineConfig.defaults());
    }

    /** As above, node {@code i} running with {@code configs.apply(i)} (e.g. some with the reference's fixed rounds). */
    public LoRaNetwork(int nodeCount, String topology, double loss, LoRaSettings settings, double dutyCycle,
            int feedCount, int entries, long seed, java.util.function.IntFunction<EngineConfig> configs) throws Exception {
        this(nodeCount, topology, loss, settings, dutyCycle, feedCount, entries, seed, configs, 0);
    }

    /** As above, the nodes sending peer beacons every {@code beaconMillis} (0: never), as a node does by default. */
    public LoRaNetwork(int nodeCount, String topology, double loss, LoRaSettings settings, double dutyCycle,
            int feedCount, int entries, long seed, java.util.function.IntFunction<EngineConfig> configs,
            long beaconMillis) throws Exception {
        this.entries = entries;
        this.settings = settings;
        this.dutyCycle = dutyCycle;
        this.medium = new Medium(clock, new Random(seed), loss);
        Scheduler scheduler = new VirtualClockScheduler(clock);
        for (int i = 0; i < nodeCount; i++) {
            nodes.add(new SimNode("n" + i, scheduler, configs.apply(i), seed * 100 + i));
        }
        SigningKey[] authors = new SigningKey[feedCount];
        for (int f = 0; f < feedCount; f++) {
            authors[f] = nodes.get(f % nodeCount).identity(f);
        }
        for (SimNode n : nodes) {
            if (n.keys.isEmpty()) {
                n.identity(999); // a node without feeds of its own still has its identity
            }
            n.engine.neighbourBeacons(String.format("%04x", nodes.indexOf(n)), beaconMillis);
            n.start();
        }
        for (int f = 0; f < feedCount; f++) {
            SimNode author = nodes.get(f % nodeCount);
            SigningKey key = authors[f];
            for (int seq = 1; seq <= entries; seq++) {
                byte[] content = content(f, seq);
                author.engine.publish(key, content);
                itemsPerNode += 1 + EntryContentCodec.encode(content).chunks().size();
            }
            feeds.add(key.feedId());
        }
        for (SimNode n : nodes) {
            // radios of nodes that back off also listen before they talk (the SX127x driver's default);
            // those on the reference's fixed rounds do not, as the ESP32 firmware
            SimRadio r = medium.radio(n.name, settings, dutyCycle, 3_600_000, 500, 64)
                    .listenBeforeTalk(configs.apply(nodes.indexOf(n)).trickle());
            radios.add(r);
        }
        if (topology.equals("line")) {
            medium.line(radios);
        } else if (topology.equals("star")) {
            medium.star(radios);
        } else {
            throw new IllegalArgumentException("topology " + topology);
        }
        for (int i = 0; i < nodeCount; i++) {
            nodes.get(i).attach(radios.get(i));
        }
    }

    private static byte[] content(int feed, int seq) {
        if (seq % 10 == 0) {
            byte[] b = new byte[300];
            new Random(feed * 1000L + seq).nextBytes(b);
            return b;
        }
        return ("feed " + feed + " entry " + seq).getBytes(StandardCharsets.UTF_8);
    }

    /** Runs until every node holds every entry and chunk, or {@code limitSeconds} of virtual time. */
    public Result run(long limitSeconds) {
        boolean complete = clock.runUntil(this::everyNodeHoldsEverything, limitSeconds * 1000);
        long delivered = 0;
        for (SimNode n : nodes) {
            for (FeedId f : feeds) {
                FeedLog log = n.store.log(f).orElse(null);
                if (log == null || n.keys.stream().anyMatch(k -> k.feedId().equals(f))) {
                    continue;
                }
                delivered += log.height();
                for (long seq = 1; seq <= log.height(); seq++) {
                    for (int c = 0; log.chunk(seq, c).isPresent(); c++) {
                        delivered++;
                    }
                }
            }
        }
        Medium.Stats s = medium.stats();
        double floor = itemsPerNode * settings.airtimeMillis(org.tinyssb.api.link.LinkProfile.TINYSSB_PACKET
                + org.tinyssb.codec.Crc32Frame.CRC_LENGTH) / dutyCycle / 1000.0;
        return new Result(complete, clock.nowMillis() / 1000.0, s.framesSent(), delivered, s.collisions(),
                s.airtimeMillis() / 1000.0, controlAirtimeMillis() / 1000.0, floor);
    }

    /** Air time of the control packets (GOset, vectors, beacons) all nodes sent so far. */
    public double controlAirtimeMillis() {
        double ms = 0;
        for (int i = 0; i < nodes.size(); i++) {
            long[][] bySize = nodes.get(i).engine.sentBySize(radios.get(i));
            for (int k = 0; k < bySize.length; k++) {
                if (!NodeEngine.controlKind(k)) {
                    continue;
                }
                for (int len = 1; len < bySize[k].length; len++) {
                    if (bySize[k][len] > 0) {
                        ms += bySize[k][len] * settings.airtimeMillis(len + org.tinyssb.codec.Crc32Frame.CRC_LENGTH);
                    }
                }
            }
        }
        return ms;
    }

    /** Runs {@code millis} more of virtual time. */
    public void runFor(long millis) {
        clock.runUntil(() -> false, millis);
    }

    /** The engine of node {@code i} (to publish, to look at). */
    public NodeEngine engine(int i) {
        return nodes.get(i).engine;
    }

    /** The first signing key of node {@code i}. */
    public SigningKey key(int i) {
        return nodes.get(i).keys.get(0);
    }

    /** How much of {@code feed} node {@code i} holds (-1: nothing). */
    public long height(int i, FeedId feed) {
        return nodes.get(i).height(feed);
    }

    /** Changes the share of frames lost at each receiver from now on. */
    public void setLoss(double loss) {
        medium.setLoss(loss);
    }

    /** Frames all radios sent so far. */
    public long framesSent() {
        return medium.stats().framesSent();
    }

    private boolean everyNodeHoldsEverything() {
        for (SimNode n : nodes) {
            for (FeedId f : feeds) {
                FeedLog log = n.store.log(f).orElse(null);
                if (log == null || log.height() != entries || !log.pendingChains().isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Packets the nodes' engines sent, by what they were for (summed over nodes; node -1: all). */
    public java.util.Map<String, Long> sentByKind(int node) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (node < 0 || node == i) {
                nodes.get(i).engine.sentByKind(radios.get(i)).forEach((k, v) -> out.merge(k, v, Long::sum));
            }
        }
        return out;
    }

    /** Control packets (GOset, vectors, beacons) node {@code i} sent so far. */
    public long controlSent(int i) {
        return nodes.get(i).engine.controlSent(radios.get(i));
    }

    /** The nodes' virtual clock. */
    public VirtualClock clock() {
        return clock;
    }

    /** Entries and chunks a node must hold of all feeds. */
    public long itemsPerNode() {
        return itemsPerNode;
    }

    /** The engine's scheduler on the medium's virtual clock. */
    private static final class VirtualClockScheduler implements Scheduler {
        private final VirtualClock clock;

        VirtualClockScheduler(VirtualClock clock) {
            this.clock = clock;
        }

        @Override
        public long nowMillis() {
            return clock.nowMillis();
        }

        @Override
        public void execute(Runnable task) {
            clock.schedule(0, task);
        }

        @Override
        public Cancellable schedule(long delayMillis, Runnable task) {
            boolean[] cancelled = {false};
            clock.schedule(delayMillis, () -> {
                if (!cancelled[0]) {
                    task.run();
                }
            });
            return () -> cancelled[0] = true;
        }
    }
}
