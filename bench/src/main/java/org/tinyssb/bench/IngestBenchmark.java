package org.tinyssb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;
import org.tinyssb.codec.EntryName;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.LogEntry;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.core.internal.engine.EngineConfig;
import org.tinyssb.core.internal.engine.EngineEvents;
import org.tinyssb.core.internal.engine.NodeEngine;
import org.tinyssb.core.internal.engine.Scheduler;
import org.tinyssb.store.memory.internal.MemoryFeedStore;

/**
 * The cost of taking an entry from a peer (demultiplex, verify DMX and signature, hash the
 * message id, store, re-arm) against the cost of the Ed25519 verification alone, on the same
 * signed packets in the same run. The ratio says how much the node adds to the cryptography.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IngestBenchmark {
    static final int ENTRIES = 2_000;

    private final List<byte[]> packets = new ArrayList<>();
    private final List<byte[]> signedMessages = new ArrayList<>();
    private FeedId feed;
    private Ed25519PublicKeyParameters publicKey;
    private int next;

    @Setup
    public void signAFeed() {
        SigningKey key = SigningKey.fromSeed(Sha256.digest("bench".getBytes()));
        feed = key.feedId();
        publicKey = new Ed25519PublicKeyParameters(feed.toBytes(), 0);
        Random random = new Random(1);
        byte[] prev = EntryName.genesisPrev(feed);
        for (int seq = 1; seq <= ENTRIES; seq++) {
            byte[] payload = new byte[Entries.PAYLOAD_LENGTH];
            random.nextBytes(payload);
            LogEntry e = Entries.sign(key, seq, prev, Entries.TYPE_PLAIN48, payload);
            packets.add(e.packet());
            byte[] name = EntryName.of(feed, seq, prev);
            byte[] signed = new byte[name.length + Entries.SIGNED_LENGTH];
            System.arraycopy(name, 0, signed, 0, name.length);
            System.arraycopy(e.packet(), 0, signed, name.length, Entries.SIGNED_LENGTH);
            signedMessages.add(signed);
            prev = e.messageId();
        }
    }

    /** Bouncy Castle's Ed25519 verification of one entry signature, nothing else. */
    @Benchmark
    public boolean rawEd25519Verify() {
        int i = next++ % ENTRIES;
        byte[] packet = packets.get(i);
        byte[] message = signedMessages.get(i);
        return publicKey.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, packet,
                Entries.SIGNATURE_OFFSET);
    }

    /** The node's receive path for a whole feed, entry by entry, into a fresh memory store. */
    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void ingestEntries(Blackhole hole) throws Exception {
        hole.consume(ingestAll());
    }

    /**
     * Entries per second through {@link #ingestEntries}' path, measured for {@code millis} after as
     * long a warm-up, outside JMH (for figures that set other runs against it).
     */
    static double entriesPerSecond(long millis) throws Exception {
        IngestBenchmark b = new IngestBenchmark();
        b.signAFeed();
        for (long end = System.nanoTime() + millis * 1_000_000; System.nanoTime() < end; ) {
            b.ingestAll();
        }
        long entries = 0;
        long start = System.nanoTime();
        for (long end = start + millis * 1_000_000; System.nanoTime() < end; entries += ENTRIES) {
            b.ingestAll();
        }
        return entries / ((System.nanoTime() - start) / 1e9);
    }

    private MemoryFeedStore ingestAll() throws Exception {
        MemoryFeedStore store = new MemoryFeedStore();
        NodeEngine engine = new NodeEngine(EngineConfig.defaults(), store, new IdleScheduler(), new Random(1),
                f -> true, EngineEvents.NONE);
        engine.start(List.of(), Set.of());
        engine.follow(feed);
        BenchLink link = new BenchLink();
        engine.attach(link);
        for (byte[] p : packets) {
            engine.receive(link, p);
        }
        if (store.log(feed).orElseThrow().height() != ENTRIES) {
            throw new IllegalStateException("not every entry was taken");
        }
        return store;
    }

    /** Runs nothing later: rounds are not part of what is measured. */
    static final class IdleScheduler implements Scheduler {
        @Override
        public long nowMillis() {
            return 0;
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public Cancellable schedule(long delayMillis, Runnable task) {
            return () -> { };
        }
    }

    /** A link that discards what the engine sends. */
    static final class BenchLink implements Link {
        @Override
        public String id() {
            return "bench";
        }

        @Override
        public LinkProfile profile() {
            return LinkProfile.stream(1024);
        }

        @Override
        public void attach(PacketReceiver receiver) {
        }

        @Override
        public boolean send(byte[] packet) {
            return true;
        }

        @Override
        public Map<String, Long> counters() {
            return Map.of();
        }
    }
}
