package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.store.memory.internal.MemoryFeedStore;

/**
 * Entries and chunks heard on a shared channel before their turn are kept and stored once what
 * they follow from arrives; nothing invalid is stored, nothing is kept from stream links, and
 * the keeping is bounded.
 */
class OverheardTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final FeedStore store = new MemoryFeedStore();
    private final RecordingLink radio = new RecordingLink(new LinkProfile(LinkProfile.TINYSSB_PACKET, 2.0, true));
    private final RecordingLink stream = new RecordingLink();
    private NodeEngine engine;

    @BeforeEach
    void start() throws Exception {
        engine = new NodeEngine(EngineConfig.defaults(), store, scheduler, new Random(1), f -> true, EngineEvents.NONE);
        engine.start(List.of(), Set.of());
        engine.follow(AliceFeed.ID);
        engine.attach(radio);
        engine.attach(stream);
    }

    private FeedLog alice() {
        return store.log(AliceFeed.ID).orElseThrow();
    }

    private static byte[] entry(int seq) {
        return AliceFeed.ENTRIES.get(seq - 1).packet();
    }

    @Test
    void entriesHeardAheadOfTheirTurnAreStoredOnceTheGapIsFilled() {
        engine.receive(radio, entry(4));
        engine.receive(radio, entry(2));
        engine.receive(radio, entry(3));
        assertEquals(0, alice().height(), "nothing follows yet");
        assertEquals(3, engine.overheard().size());
        engine.receive(radio, entry(1));
        assertEquals(4, alice().height(), "1 arrived, and 2, 3, 4 followed from what was heard before");
        assertEquals(3, engine.overheard().used());
        assertTrue(engine.overheard().isEmpty());
        for (int seq = 1; seq <= 4; seq++) {
            assertArrayEquals(entry(seq), alice().entry(seq).orElseThrow());
        }
    }

    @Test
    void chunksHeardBeforeTheChunkTheyFollowFromAreStoredWhenItArrives() {
        for (AliceFeed.Entry e : AliceFeed.ENTRIES) {
            engine.receive(radio, e.packet());
        }
        AliceFeed.Entry last = AliceFeed.ENTRIES.get(11);
        assertTrue(last.chunks().size() >= 3, "a side chain of several chunks");
        for (int c = last.chunks().size() - 1; c >= 1; c--) {
            engine.receive(radio, last.chunks().get(c)); // the lost first chunk makes the rest unusable, for now
        }
        assertTrue(alice().chunk(12, 1).isEmpty());
        engine.receive(radio, last.chunks().get(0));
        for (int c = 0; c < last.chunks().size(); c++) {
            assertArrayEquals(last.chunks().get(c), alice().chunk(12, c).orElseThrow(), "chunk " + c);
        }
        assertTrue(alice().pendingChains().stream().noneMatch(p -> p.seq() == 12), "the chain is complete");
    }

    @Test
    void aDamagedCopyHeardEarlyIsRefusedWhenItsTurnComesAndTheGenuineOneStillTaken() {
        byte[] forged = entry(2).clone();
        forged[forged.length - 1] ^= 1; // its DMX is right, its signature is not
        engine.receive(radio, forged);
        engine.receive(radio, entry(1));
        assertEquals(1, alice().height(), "the forged entry 2 is not stored");
        assertEquals(1L, engine.metrics().droppedByReason().get("bad-signature"));
        assertTrue(engine.overheard().isEmpty(), "and not kept either");
        engine.receive(radio, entry(2));
        assertEquals(2, alice().height());
    }

    @Test
    void theFirstEntriesOfAFeedHeardBeforeItIsFollowedAreStoredWhenItIs() throws Exception {
        FeedStore other = new MemoryFeedStore();
        NodeEngine late = new NodeEngine(EngineConfig.defaults(), other, scheduler, new Random(2), f -> true,
                EngineEvents.NONE);
        late.start(List.of(), Set.of());
        RecordingLink air = new RecordingLink(new LinkProfile(LinkProfile.TINYSSB_PACKET, 2.0, true));
        late.attach(air);
        late.receive(air, entry(1));
        late.receive(air, entry(2));
        assertEquals(2, late.overheard().size(), "a feed this node does not know yet");
        late.follow(AliceFeed.ID);
        assertEquals(2, other.log(AliceFeed.ID).orElseThrow().height());
    }

    @Test
    void whatWasHeardOnALinkThatIsGoneIsForgotten() {
        engine.receive(radio, entry(2));
        engine.detach(radio);
        assertTrue(engine.overheard().isEmpty());
        engine.receive(stream, entry(1));
        assertEquals(1, alice().height());
    }

    @Test
    void withOverhearingOffNothingIsKept() throws Exception {
        NodeEngine plain = new NodeEngine(EngineConfig.defaults().withOverhearing(false), new MemoryFeedStore(),
                scheduler, new Random(2), f -> true, EngineEvents.NONE);
        plain.start(List.of(), Set.of());
        plain.follow(AliceFeed.ID);
        RecordingLink air = new RecordingLink(new LinkProfile(LinkProfile.TINYSSB_PACKET, 2.0, true));
        plain.attach(air);
        plain.receive(air, entry(2));
        assertTrue(plain.overheard().isEmpty());
    }

    @Test
    void aStreamLinkDeliversInOrderSoNothingIsKeptFromIt() {
        engine.receive(stream, entry(2));
        engine.receive(stream, entry(1));
        assertEquals(1, alice().height());
        assertTrue(engine.overheard().isEmpty());
    }

    @Test
    void atMostItsCapacityIsKeptTheOldestGoingFirstAndJunkIsNeverStored() {
        engine.receive(radio, entry(2));
        Random random = new Random(5);
        for (int i = 0; i < Overheard.CAPACITY + 50; i++) {
            byte[] junk = new byte[LinkProfile.TINYSSB_PACKET];
            random.nextBytes(junk);
            engine.receive(radio, junk);
        }
        assertEquals(Overheard.CAPACITY, engine.overheard().size());
        engine.receive(radio, entry(1));
        assertEquals(1, alice().height(), "entry 2 was evicted by later frames: it is asked for again");
        assertEquals(0, engine.overheard().used(), "nothing kept was stored: entry 2 went, the rest was junk");
        engine.receive(radio, entry(2));
        assertEquals(2, alice().height());
    }
}
