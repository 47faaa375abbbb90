package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.store.memory.internal.MemoryFeedStore;

/** A node of a simulated network: an engine over a memory store, its identities, its links. */
final class SimNode {
    final String name;
    final FeedStore store;
    final NodeEngine engine;
    final List<SigningKey> keys = new ArrayList<>();
    final List<FeedId> stored = new ArrayList<>();
    final List<long[]> completed = new ArrayList<>();

    SimNode(String name, Scheduler scheduler, EngineConfig config, long seed) {
        this(name, scheduler, config, seed, new MemoryFeedStore());
    }

    SimNode(String name, Scheduler scheduler, EngineConfig config, long seed, FeedStore store) {
        this.name = name;
        this.store = store;
        this.engine = new NodeEngine(config, store, scheduler, new Random(seed), feed -> true, new EngineEvents() {
            @Override
            public void entryStored(FeedId feed, long seq) {
                stored.add(feed);
            }

            @Override
            public void contentComplete(FeedId feed, long seq) {
                completed.add(new long[] {feed.hashCode(), seq});
            }
        });
    }

    /** A deterministic identity: seed = sha256 of name and index, as the vectors make theirs. */
    SigningKey identity(int index) {
        SigningKey k = SigningKey.fromSeed(org.tinyssb.codec.Sha256.digest(
                (name + "-" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        keys.add(k);
        return k;
    }

    void start() throws Exception {
        engine.start(keys.stream().map(SigningKey::feedId).toList(), Set.of());
    }

    /** Connects this node's engine to {@code link} (the way the node service does it). */
    void attach(Link link) {
        link.attach((from, packet) -> engine.receive(from, packet));
        engine.attach(link);
    }

    /** {@code count} deterministic identities (before {@link #start}). */
    List<SigningKey> identities(int count) {
        List<SigningKey> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(identity(i));
        }
        return made;
    }

    /**
     * Publishes {@code entries} entries in each feed of {@code authors} (after {@link #start}):
     * seeded random contents of 20 bytes, every tenth of {@code longContent} bytes (a side chain);
     * returns how many entries and chunks a peer needs to hold them all.
     */
    long publishEveryTenthLong(List<SigningKey> authors, int entries, int longContent) throws Exception {
        long needed = 0;
        for (int f = 0; f < authors.size(); f++) {
            for (int seq = 1; seq <= entries; seq++) {
                byte[] content = new byte[seq % 10 == 0 ? longContent : 20];
                new Random(f * 1000L + seq).nextBytes(content);
                engine.publish(authors.get(f), content);
                needed += 1 + org.tinyssb.codec.EntryContentCodec.encode(content).chunks().size();
            }
        }
        return needed;
    }

    long height(FeedId feed) {
        return store.log(feed).map(FeedLog::height).orElse(-1L);
    }
}
