package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.codec.Bipf;
import org.tinyssb.codec.Dmx;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.codec.WantVector;
import org.tinyssb.store.memory.internal.MemoryFeedStore;
import org.tinyssb.testkit.Vectors;

/**
 * WANT and CHNK vectors as the reference writes them (goset.json, 5-feed set) answered by an
 * engine that holds those five feeds; vectors the engine writes; GOset state changes.
 */
class VectorExchangeTest {
    private static final JsonObject FIVE = Vectors.load("goset.json").getAsJsonArray("sets").get(3).getAsJsonObject();
    private static final int ENTRIES = 30;
    /** 428 bytes: 27 in the entry, then 4 chunks of 100 and one of 1. */
    private static final int CONTENT = 428;

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final FeedStore store = new MemoryFeedStore();
    private final List<SigningKey> keys = new ArrayList<>();
    private NodeEngine engine;

    @BeforeEach
    void fiveFeedsOfThirtyEntries() throws Exception {
        for (int i = 0; i < 5; i++) {
            keys.add(SigningKey.fromSeed(Sha256.digest(("feed-" + i).getBytes(StandardCharsets.US_ASCII))));
        }
        engine = new NodeEngine(EngineConfig.defaults(), store, scheduler, new Random(1), f -> true, EngineEvents.NONE);
        engine.start(keys.stream().map(SigningKey::feedId).toList(), Set.of());
        for (SigningKey k : keys) {
            for (int seq = 1; seq <= ENTRIES; seq++) {
                byte[] content = new byte[CONTENT];
                content[0] = (byte) seq;
                engine.publish(k, content);
            }
        }
        assertArrayEquals(Vectors.hex(FIVE, "state"), engine.view().state(), "the engine holds the vector's set");
    }

    private FeedId byIndex(int index) {
        return engine.view().key(index);
    }

    private byte[] entry(int index, long seq) {
        return store.log(byIndex(index)).orElseThrow().entry(seq).orElseThrow();
    }

    private byte[] chunk(int index, long seq, int c) {
        return store.log(byIndex(index)).orElseThrow().chunk(seq, c).orElseThrow();
    }

    private RecordingLink attach(LinkProfile profile) {
        RecordingLink link = new RecordingLink(profile);
        engine.attach(link);
        link.sent.clear(); // the first round's own packets
        return link;
    }

    @Test
    void theReferenceWantPacketIsAnsweredRoundRobinWithinTheCredit() {
        RecordingLink radio = attach(new LinkProfile(120, 10, true));
        engine.receive(radio, Vectors.hex(FIVE, "want_packet")); // [2, 1, 8, 15, 22, 29]
        assertEquals(3, radio.sent.size(), "credit 3 on a paced link, as the reference");
        assertArrayEquals(entry(2, 1), radio.sent.get(0));
        assertArrayEquals(entry(3, 8), radio.sent.get(1));
        assertArrayEquals(entry(4, 15), radio.sent.get(2));

        RecordingLink socket = attach(LinkProfile.stream(1024));
        engine.receive(socket, Vectors.hex(FIVE, "want_packet"));
        // a larger credit on a stream link (96): all the five feeds hold from the wanted positions on
        assertEquals(30 + 23 + 16 + 9 + 2, socket.sent.size(), "a larger credit on a stream link");
        // first pass: one entry per feed; then the next of each feed that has more
        assertArrayEquals(entry(0, 22), socket.sent.get(3));
        assertArrayEquals(entry(1, 29), socket.sent.get(4));
        assertArrayEquals(entry(2, 2), socket.sent.get(5));
        assertArrayEquals(entry(1, 30), socket.sent.get(9));
    }

    @Test
    void theReferenceChunkPacketIsAnsweredWithTheChunksItNames() {
        RecordingLink socket = attach(LinkProfile.stream(1024));
        engine.receive(socket, Vectors.hex(FIVE, "chnk_packet")); // [[0,2,0],[1,3,1],[2,4,2],[3,5,0]]
        assertArrayEquals(chunk(0, 2, 0), socket.sent.get(0));
        assertArrayEquals(chunk(1, 3, 1), socket.sent.get(1));
        assertArrayEquals(chunk(2, 4, 2), socket.sent.get(2));
        assertArrayEquals(chunk(3, 5, 0), socket.sent.get(3));
        assertArrayEquals(chunk(0, 2, 1), socket.sent.get(4), "then each chain continues");
        assertEquals(5 + 4 + 3 + 5, socket.sent.size(), "all chunks from each requested position on");
    }

    @Test
    void wantVectorsCarryTheNextSequenceNumberOfEachFeedAndRotate() throws Exception {
        RecordingLink socket = new RecordingLink(LinkProfile.stream(1024));
        engine.attach(socket);
        List<WantVector> wants = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (byte[] p : socket.sent) {
                if (Dmx.key(p, 0) == Dmx.key(engine.view().wantDmx())) {
                    wants.add(WantVector.decode(p));
                }
            }
            socket.sent.clear();
            scheduler.advance(engine.rttMillis(socket) + 1);
        }
        assertTrue(wants.size() >= 3, "a WANT every round: " + wants.size());
        for (WantVector w : wants) {
            assertEquals(List.of(31L, 31L, 31L, 31L, 31L), w.nextSeqs());
        }
        assertEquals((wants.get(0).offset() + 1) % 5, wants.get(1).offset(), "the offset rotates");
    }

    @Test
    void aWantVectorIsCutOnceItsNumbersPassTheBudget() {
        GoSet set = new GoSet(255);
        List<FeedId> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            FeedId id = SigningKey.fromSeed(Sha256.digest(("many-" + i).getBytes())).feedId();
            ids.add(id);
            set.add(id);
        }
        // feeds the node does not replicate want NOTHING_WANTED, 5 bytes each: 20 make 100 bytes,
        // the 21st passes the budget and, as in the reference, is still included
        WantVector w = VectorExchange.want(set.view(), id -> VectorExchange.NOTHING_WANTED, 7, 100);
        assertEquals(7, w.offset());
        assertEquals(21, w.nextSeqs().size());
        assertTrue(w.nextSeqs().stream().allMatch(s -> s == VectorExchange.NOTHING_WANTED));
        int bytes = w.nextSeqs().stream().mapToInt(Bipf::encodedLength).sum();
        assertTrue(bytes > 100 && bytes - Bipf.encodedLength(VectorExchange.NOTHING_WANTED) <= 100, "bytes " + bytes);
    }

    @Test
    void vectorsUnderThePreviousGosetStateAreStillUnderstood() throws Exception {
        RecordingLink socket = attach(LinkProfile.stream(1024));
        byte[] oldWant = Vectors.hex(FIVE, "want_packet");
        FeedId sixth = SigningKey.fromSeed(Sha256.digest("sixth".getBytes())).feedId();
        engine.receive(socket, new org.tinyssb.codec.GoSetMessage.Novelty(sixth).encode()); // the state moves on
        socket.sent.clear();
        assertFalse(java.util.Arrays.equals(Vectors.hex(FIVE, "state"), engine.view(socket).state()));
        engine.receive(socket, oldWant);
        assertArrayEquals(entry5(2, 1), socket.sent.get(0), "indexes read against the old five-key set");
    }

    /** Entry of the feed at {@code index} of the five-key set (indexes of the old state). */
    private byte[] entry5(int index, long seq) {
        FeedId id = FeedId.parse(FIVE.getAsJsonArray("keys_sorted").get(index).getAsString());
        return store.log(id).orElseThrow().entry(seq).orElseThrow();
    }

    @Test
    void anUnfollowedFeedKeepsItsPlaceInTheLinksGosetButNothingOfItIsWanted() throws Exception {
        RecordingLink socket = attach(LinkProfile.stream(1024));
        FeedId other = SigningKey.fromSeed(Sha256.digest("other".getBytes())).feedId();
        engine.receive(socket, new org.tinyssb.codec.GoSetMessage.Novelty(other).encode()); // the peer holds it
        engine.follow(other);
        byte[] state = engine.view(socket).state();
        assertTrue(engine.unfollow(other));
        assertArrayEquals(state, engine.view(socket).state(), "same GOset state: the peer still understands us");
        assertTrue(store.log(other).isEmpty(), "its data is gone");
        int index = engine.view(socket).keys().indexOf(other);
        WantVector w = VectorExchange.want(engine.view(socket), engine::wantedNext, index, 100);
        assertEquals(VectorExchange.NOTHING_WANTED, w.nextSeqs().get(0));
        assertFalse(engine.feed(other).orElseThrow().replicated());
        assertFalse(engine.feed(other).orElseThrow().followed());
        assertTrue(engine.follow(other));
        assertTrue(engine.feed(other).orElseThrow().replicated());
        assertTrue(engine.feed(other).orElseThrow().followed());
        assertEquals(1, VectorExchange.want(engine.view(socket), engine::wantedNext, index, 100).nextSeqs().get(0));
    }

    @Test
    void theFeedPolicyCanRefuseFeedsPeersAnnounce() throws Exception {
        NodeEngine closed = new NodeEngine(EngineConfig.defaults(), new MemoryFeedStore(), scheduler, new Random(2),
                feed -> false, EngineEvents.NONE);
        closed.start(List.of(keys.get(0).feedId()), Set.of());
        RecordingLink link = new RecordingLink();
        closed.attach(link);
        closed.receive(link, new org.tinyssb.codec.GoSetMessage.Novelty(keys.get(1).feedId()).encode());
        assertEquals(1, closed.view().size(), "a refused key spreads to no GOset");
        assertEquals(2, closed.view(link).size(), "but the link's names it, as the peer does");
        assertTrue(closed.feed(keys.get(1).feedId()).isEmpty(), "and it is not replicated");
        assertEquals(1L, closed.metrics().droppedByReason().get("feed-refused"));
    }
}
