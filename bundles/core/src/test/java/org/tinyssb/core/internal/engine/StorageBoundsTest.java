package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedInfo;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.codec.ChunkVector;
import org.tinyssb.codec.CodecException;
import org.tinyssb.store.file.internal.FileFeedStore;
import org.tinyssb.store.memory.internal.MemoryFeedStore;
import org.tinyssb.testkit.SignedFeed;

/**
 * What a feed may make the node store: a bound on pending side chains per feed, a quota for the
 * content of feeds the node neither owns nor follows, chains that can never complete, and
 * entries the store found damaged, which come back from peers while the node runs.
 */
class StorageBoundsTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final RecordingLink peer = new RecordingLink();

    @TempDir
    Path dir;

    private NodeEngine engine(FeedStore store, int pendingBound, long quotaBytes) throws Exception {
        NodeEngine e = new NodeEngine(EngineConfig.defaults().withStorageBounds(pendingBound, quotaBytes), store,
                scheduler, new Random(1), f -> true, EngineEvents.NONE);
        e.start(List.of(), Set.of());
        return e;
    }

    private static byte[] content(String seed, int length) {
        byte[] c = new byte[length];
        new Random(seed.hashCode()).nextBytes(c);
        return c;
    }

    private static void send(NodeEngine e, RecordingLink from, SignedFeed.Entry entry, int firstChunk, int lastChunk) {
        e.receive(from, entry.packet());
        for (int i = firstChunk; i < lastChunk; i++) {
            e.receive(from, entry.chunks().get(i));
        }
    }

    /** Every chunk request the engine sent on {@code link} for the feed at GOset index {@code index}. */
    private static List<ChunkVector.Request> chunkRequests(NodeEngine e, RecordingLink link, int index) {
        List<ChunkVector.Request> out = new ArrayList<>();
        byte[] dmx = e.view().chunkDmx();
        for (byte[] p : link.sent) {
            if (Arrays.equals(p, 0, 7, dmx, 0, 7)) {
                try {
                    ChunkVector.decode(p).requests().stream().filter(r -> r.feedIndex() == index).forEach(out::add);
                } catch (CodecException ex) {
                    throw new AssertionError(ex);
                }
            }
        }
        return out;
    }

    @Test
    void aFeedAtItsPendingChainBoundIsAskedForNothingMoreUntilAChainCompletes() throws Exception {
        SignedFeed feed = SignedFeed.of("many-chains", 300, 300, 300, 300, 300);
        NodeEngine e = engine(new MemoryFeedStore(), 3, 1L << 30);
        e.follow(feed.id());
        e.attach(peer);
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        System.setErr(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
        try { // slf4j-simple writes to System.err as it is at each line
            for (SignedFeed.Entry entry : feed.entries()) {
                e.receive(peer, entry.packet()); // entries only: their chains stay pending
            }
        } finally {
            System.setErr(err);
        }
        assertTrue(logged.toString(java.nio.charset.StandardCharsets.UTF_8).contains("held back "
                + feed.id().shortId() + "#4 from " + peer.id() + ": its feed has 3 side chains incomplete "
                + "(max.pending.chains = 3)"), "one line says why entry 4 waits:\n" + logged);
        FeedInfo info = e.feed(feed.id()).orElseThrow();
        assertEquals(3, info.height(), "three chains pending: entry 4 waits");
        assertEquals(3, info.incompleteChains());
        assertEquals(1, e.metrics().droppedByReason().get("pending-chains-full"), "entry 4 held back (and 5, "
                + "whose DMX follows from 4, not even recognised)");
        assertEquals(VectorExchange.NOTHING_WANTED, e.wantedNext(feed.id()), "nothing more is asked for");

        send(e, peer, feed.entry(1), 0, feed.entry(1).chunks().size());
        assertEquals(4, e.wantedNext(feed.id()), "a chain completed: the next entry is wanted again");
        e.receive(peer, feed.entry(4).packet());
        assertEquals(4, e.feed(feed.id()).orElseThrow().height());
    }

    @Test
    void aFullDiskIsOneLineNotOnePerEntryAndTheNodeStoresAgainWhenThereIsSpace() throws Exception {
        SignedFeed full1 = SignedFeed.of("on-a-full-disk-1", 20, 20, 20);
        SignedFeed full2 = SignedFeed.of("on-a-full-disk-2", 20, 20, 20);
        SignedFeed roomy = SignedFeed.of("with-room", 20);
        for (SignedFeed f : List.of(full1, full2)) { // every write to these logs fails with ENOSPC
            Path folder = Files.createDirectories(dir.resolve(f.id().toHex()));
            Files.createSymbolicLink(folder.resolve("log.bin"), Path.of("/dev/full"));
        }
        FileFeedStore store = FileStores.open(dir);
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        try {
            NodeEngine e = engine(store, 1_000, 1L << 30);
            for (SignedFeed f : List.of(full1, full2, roomy)) {
                e.follow(f.id());
            }
            e.attach(peer);
            System.setErr(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
            for (int round = 0; round < 3; round++) { // peers send what was refused again
                e.receive(peer, full1.entry(1).packet());
                e.receive(peer, full2.entry(1).packet());
            }
            String whileFull = logged.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(1, whileFull.lines().count(), "one line for 6 refused entries:\n" + whileFull);
            assertTrue(whileFull.contains("the disk holding " + dir + " is full"), whileFull);
            assertEquals(6, e.metrics().droppedByReason().get("disk-full"));
            assertEquals(0, e.feed(full1.id()).orElseThrow().height());

            e.receive(peer, roomy.entry(1).packet());
            String all = logged.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(2, all.lines().count(), all);
            assertTrue(all.contains("space is back on the disk holding " + dir), all);
            assertEquals(1, e.feed(roomy.id()).orElseThrow().height(), "stored once a write succeeds");
        } finally {
            System.setErr(err);
            store.close();
        }
    }

    @Test
    void aChainWhosePointerIsZeroIsStoredAsUnavailableAndNeverAskedFor() throws Exception {
        SignedFeed feed = SignedFeed.of("zero-pointer");
        feed.addAnnouncing(5_000, new byte[20]);
        feed.add(content("second", 300));
        NodeEngine e = engine(new MemoryFeedStore(), 1_000, 1L << 30);
        e.follow(feed.id());
        e.attach(peer);
        e.receive(peer, feed.entry(1).packet());
        e.receive(peer, feed.entry(2).packet());
        FeedInfo info = e.feed(feed.id()).orElseThrow();
        assertEquals(2, info.height(), "the entry is stored, and the feed goes on");
        assertEquals(1, info.unavailableChains());
        assertEquals(1, info.incompleteChains());
        scheduler.advance(30_000); // many vector rounds
        List<ChunkVector.Request> asked = chunkRequests(e, peer, info.gosetIndex());
        assertTrue(asked.stream().anyMatch(r -> r.seq() == 2), "entry 2's chain is asked for: " + asked);
        assertTrue(asked.stream().noneMatch(r -> r.seq() == 1), "entry 1's never is");
    }

    @Test
    void strangersContentStopsAtTheQuotaWhileFollowedFeedsGoOn() throws Exception {
        SignedFeed stranger = SignedFeed.of("stranger", 2_000); // 20 chunks
        SignedFeed friend = SignedFeed.of("friend", 2_000);
        MemoryFeedStore store = new MemoryFeedStore();
        store.createLog(stranger.id()); // replicated (the GOset admitted it), not followed
        NodeEngine e = engine(store, 1_000, 10 * 120);
        e.follow(friend.id());
        e.attach(peer);
        send(e, peer, stranger.entry(1), 0, 20);
        send(e, peer, friend.entry(1), 0, 20);
        FeedLog strangers = store.log(stranger.id()).orElseThrow();
        assertEquals(1_200, strangers.chunkBytesHeld(), "the quota's worth of the stranger's chunks");
        assertEquals(1, e.metrics().droppedByReason().get("content-quota"), "chunk 10 refused; the chain waits there");
        assertEquals(2_400, store.log(friend.id()).orElseThrow().chunkBytesHeld(), "all of the followed feed's");

        peer.sent.clear();
        scheduler.advance(30_000);
        int index = e.feed(stranger.id()).orElseThrow().gosetIndex();
        assertEquals(List.of(), chunkRequests(e, peer, index), "the stranger's chain is not asked for any more");

        e.follow(stranger.id());
        send(e, peer, stranger.entry(1), 10, 20);
        assertEquals(2_400, strangers.chunkBytesHeld(), "followed, it is kept whole");
    }

    @Test
    void anEntryFoundCorruptIsFetchedAgainWhileTheNodeRunsAndServedDownstream() throws Exception {
        SignedFeed feed = SignedFeed.of("repaired", 20, 300, 40, 2_000, 50, 60, 70, 80);
        Path folder = dir.resolve("b");
        FileFeedStore first = FileStores.open(folder);
        FeedLog log = first.createLog(feed.id());
        for (SignedFeed.Entry en : feed.entries()) {
            log.append(en.seq(), en.packet(), en.messageId(), en.chunks().size(), en.firstChunkHash(), en.chunks());
        }
        first.close();
        Path logBin = folder.resolve(feed.id().toHex()).resolve("log.bin");
        byte[] pristine = Files.readAllBytes(logBin);
        long entry5 = 124 + (120 * 4 + 124) + 124 + (120 * 20 + 124); // records of entries 1..4
        try (FileChannel ch = FileChannel.open(logBin, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {42}), entry5 + 70); // a bit flip in entry 5's signature
        }

        SimNode a = new SimNode("a", scheduler, EngineConfig.defaults(), 1); // the author's copy
        SimNode b = new SimNode("b", scheduler, EngineConfig.defaults(), 2, FileStores.open(folder));
        SimNode c = new SimNode("c", scheduler, EngineConfig.defaults(), 3); // downstream of b only
        FeedLog authors = a.store.createLog(feed.id());
        for (SignedFeed.Entry en : feed.entries()) {
            authors.append(en.seq(), en.packet(), en.messageId(), en.chunks().size(), en.firstChunkHash(), en.chunks());
        }
        for (SimNode n : List.of(a, b, c)) {
            n.start();
            n.engine.follow(feed.id());
        }
        SimulatedLink[] ab = SimulatedLink.pair("a-b", "b-a", LinkProfile.stream(1024), scheduler, 10, 0, new Random(5));
        SimulatedLink[] bc = SimulatedLink.pair("b-c", "c-b", LinkProfile.stream(1024), scheduler, 10, 0, new Random(6));
        a.attach(ab[0]);
        b.attach(ab[1]);
        b.attach(bc[0]);
        c.attach(bc[1]);
        FeedLog downstream = c.store.log(feed.id()).orElseThrow();
        boolean done = scheduler.runUntil(() -> downstream.height() == 8 && downstream.pendingChains().isEmpty(), 120_000);
        assertTrue(done, "c holds " + downstream.height() + " entries; b's damage: "
                + b.store.log(feed.id()).orElseThrow().damagedEntries());
        assertEquals(List.of(), b.store.log(feed.id()).orElseThrow().damagedEntries());
        for (long seq = 1; seq <= 8; seq++) {
            assertArrayEquals(feed.entry(seq).packet(), downstream.entry(seq).orElseThrow());
        }
        ((FileFeedStore) b.store).close();
        assertArrayEquals(pristine, Files.readAllBytes(logBin), "b's log is whole again, in place");
        assertTrue(b.engine.metrics().droppedByReason().getOrDefault("forked-entry", 0L) == 0);
        System.out.println("entry found corrupt on b, fetched from a and served to c: all of it at c after "
                + scheduler.nowMillis() + " ms (virtual time)");
    }
}
