package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;

class NeighboursAheadTest {
    private static FeedId feed(int n) {
        byte[] b = new byte[32];
        b[0] = 1;
        b[30] = (byte) (n >> 8);
        b[31] = (byte) n;
        return FeedId.of(b);
    }

    @Test
    void theFeedsOneWantShowsAheadAreOneNeighbourAndALaterOverlappingOneReplacesIt() {
        NeighboursAhead n = new NeighboursAhead();
        n.heard(List.of(feed(1), feed(2)), 0);
        n.heard(List.of(feed(3)), 10);
        assertEquals(List.of(Set.of(feed(1), feed(2)), Set.of(feed(3))), n.sets(20));
        n.heard(List.of(feed(2), feed(4)), 30); // the first neighbour again, now ahead on 2 and 4
        assertEquals(List.of(Set.of(feed(3)), Set.of(feed(2), feed(4))), n.sets(40));
        n.heard(List.of(), 50); // a WANT that shows nothing ahead says nothing about who is around
        assertEquals(2, n.count(60));
    }

    @Test
    void aNeighbourNotHeardAheadForTheMemoryIsForgotten() {
        NeighboursAhead n = new NeighboursAhead();
        n.heard(List.of(feed(1)), 0);
        n.heard(List.of(feed(2)), NeighboursAhead.MEMORY_MILLIS / 2);
        assertEquals(2, n.count(NeighboursAhead.MEMORY_MILLIS));
        assertEquals(List.of(Set.of(feed(2))), n.sets(NeighboursAhead.MEMORY_MILLIS + 1));
    }

    @Test
    void whateverPeersSendItStaysWithinItsBounds() {
        NeighboursAhead n = new NeighboursAhead();
        for (int i = 0; i < 1_000; i++) {
            n.heard(List.of(feed(i)), i);
        }
        List<Set<FeedId>> sets = n.sets(1_000);
        assertEquals(NeighboursAhead.MAX_NEIGHBOURS, sets.size());
        assertTrue(sets.contains(Set.of(feed(999))), "the latest are kept");
        List<FeedId> many = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            many.add(feed(10_000 + i));
        }
        n.heard(many, 2_000);
        List<Set<FeedId>> after = n.sets(2_000);
        assertEquals(NeighboursAhead.MAX_FEEDS, after.get(after.size() - 1).size());
    }
}
