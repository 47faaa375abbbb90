package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.LogEntry;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.store.memory.internal.MemoryFeedStore;

/**
 * Entries that arrive together are verified on several threads, a group while the one before it
 * is stored, and stored exactly as the engine thread alone stores them: every entry of every feed
 * in order (the next entries of a feed foreseen from the ones before them, in the same group or
 * the one before), and a forged entry, a fork and a copy that no longer fits refused for the same
 * reasons.
 */
class BatchVerifierTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** 12 feeds x 40 entries, interleaved, with a forged, a forked and a repeated entry among them. */
    private static List<byte[]> traffic(List<SigningKey> authors) {
        List<List<byte[]>> feeds = new ArrayList<>();
        for (SigningKey k : authors) {
            List<byte[]> entries = new ArrayList<>();
            byte[] prev = org.tinyssb.codec.EntryName.genesisPrev(k.feedId());
            for (int seq = 1; seq <= 40; seq++) {
                LogEntry e = Entries.sign(k, seq, prev, Entries.TYPE_PLAIN48, pad(k.feedId().shortId() + " " + seq));
                entries.add(e.packet());
                prev = e.messageId();
            }
            feeds.add(entries);
        }
        List<byte[]> out = new ArrayList<>();
        for (int seq = 0; seq < 40; seq++) {
            for (List<byte[]> f : feeds) {
                out.add(f.get(seq));
            }
            if (seq == 10) {
                byte[] forged = feeds.get(0).get(11).clone();
                forged[100] ^= 1; // entry 12 of feed 0 with a broken signature, before the real one
                out.add(forged);
                out.add(Entries.sign(authors.get(1), 12, new byte[20], Entries.TYPE_PLAIN48, pad("fork")).packet());
                out.add(feeds.get(2).get(5)); // an old entry again
            }
        }
        return out;
    }

    private static byte[] pad(String s) {
        byte[] b = new byte[48];
        byte[] t = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(t, 0, b, 0, t.length);
        return b;
    }

    private static List<SigningKey> authors() {
        List<SigningKey> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            out.add(SigningKey.fromSeed(Sha256.digest(("batch-" + i).getBytes(StandardCharsets.UTF_8))));
        }
        return out;
    }

    /** Takes the traffic in, in groups of {@code group}; returns the engine's store. */
    private FeedStore ingest(ExecutorService on, int group, List<SigningKey> authors, NodeEngine[] out) throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        FeedStore store = new MemoryFeedStore();
        NodeEngine engine = new NodeEngine(EngineConfig.defaults(), store, scheduler, new Random(1), f -> true,
                EngineEvents.NONE);
        if (on != null) {
            engine.verifyOn(on, 3);
        }
        engine.start(List.of(), Set.of());
        for (SigningKey k : authors) {
            engine.follow(k.feedId());
        }
        RecordingLink link = new RecordingLink();
        engine.attach(link);
        List<byte[]> packets = traffic(authors);
        List<List<byte[]>> groups = new ArrayList<>();
        for (int i = 0; i < packets.size(); i += group) {
            groups.add(packets.subList(i, Math.min(packets.size(), i + group)));
        }
        for (int g = 0; g < groups.size(); g++) {
            // as the node service does: the next group is known, and verified while this one is stored
            List<byte[]> part = groups.get(g);
            engine.receiveAll(Collections.nCopies(part.size(), (Link) link), part, Collections.nCopies(part.size(), null),
                    g + 1 < groups.size() ? groups.get(g + 1) : List.of());
        }
        out[0] = engine;
        return store;
    }

    @Test
    void aGroupVerifiedOnSeveralThreadsIsStoredAsTheEngineThreadAloneStoresIt() throws Exception {
        List<SigningKey> authors = authors();
        NodeEngine[] alone = new NodeEngine[1];
        NodeEngine[] parallel = new NodeEngine[1];
        FeedStore one = ingest(null, 64, authors, alone);
        FeedStore many = ingest(pool, 64, authors, parallel);
        for (SigningKey k : authors) {
            FeedId id = k.feedId();
            assertEquals(40, many.log(id).orElseThrow().height(), "every entry of " + id.shortId());
            for (long seq = 1; seq <= 40; seq++) {
                assertArrayEquals(one.log(id).orElseThrow().entry(seq).orElseThrow(),
                        many.log(id).orElseThrow().entry(seq).orElseThrow());
            }
        }
        assertEquals(alone[0].metrics().droppedByReason(), parallel[0].metrics().droppedByReason(),
                "the same packets refused for the same reasons");
        assertEquals(1L, parallel[0].metrics().droppedByReason().get("bad-signature"));
        assertEquals(480, parallel[0].metrics().entriesIngested());
        assertEquals(0, alone[0].verifiedInAdvance());
        // (the fork names another predecessor: its DMX matches nothing, it is never verified)
        assertEquals(480 + 1, parallel[0].verifiedInAdvance(), "every entry, and the forged one, verified in advance");
    }
}
