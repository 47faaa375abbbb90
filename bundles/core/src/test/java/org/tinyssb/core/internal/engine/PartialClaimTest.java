package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.Dmx;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.store.memory.internal.MemoryFeedStore;

/**
 * A radio node between a neighbour that claims the same GOset as it and one that claims only part
 * of it: the second may lack the keys at the ends, which only a claim of the whole set shows it,
 * so this node's claim goes out although the first neighbour's agreed.
 */
class PartialClaimTest {
    private static final List<FeedId> KEYS = new ArrayList<>();

    static {
        for (int i = 0; i < 5; i++) {
            KEYS.add(SigningKey.fromSeed(Sha256.digest(("key-" + i).getBytes(StandardCharsets.US_ASCII))).feedId());
        }
    }

    /** GOset claims the node sends in its first interval after hearing {@code heard}. */
    private static long claimsAfterHearing(byte[]... heard) throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        NodeEngine engine = new NodeEngine(EngineConfig.defaults(), new MemoryFeedStore(), scheduler, new Random(4),
                f -> true, EngineEvents.NONE);
        engine.start(KEYS, Set.of());
        AskOneNeighbourTest.RecordingRadio radio = new AskOneNeighbourTest.RecordingRadio();
        engine.attach(radio);
        for (byte[] packet : heard) {
            engine.receive(radio, packet);
        }
        scheduler.advance(EngineConfig.defaults().gosetIntervalMillis());
        return radio.sent.stream().filter(p -> Dmx.key(p, 0) == Dmx.key(Dmx.goset())).count();
    }

    @Test
    void aClaimOfPartOfTheSetIsAnsweredEvenWhenAnotherNeighbourClaimedTheWholeSet() throws Exception {
        GoSet same = new GoSet(255);
        KEYS.forEach(same::add);
        byte[] whole = same.fullClaim().encode();
        byte[] part = same.claim(1, 4).encode(); // agrees as far as it goes; may lack the first key
        assertEquals(0, claimsAfterHearing(whole), "a neighbour claimed the same set: this node's claim is left out");
        assertEquals(1, claimsAfterHearing(whole, part), "the neighbour claiming part of the set gets this node's claim");
    }
}
