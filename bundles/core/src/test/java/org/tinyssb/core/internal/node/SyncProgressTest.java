package org.tinyssb.core.internal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.tinyssb.core.internal.node.SyncProgress.Snapshot;

class SyncProgressTest {
    @Test
    void aLinePerIntervalWhileItemsArriveAndOneWhenTheyStop() {
        SyncProgress p = new SyncProgress();
        assertNull(p.next(new Snapshot(0, 0, 0, 0, 0)), "nothing to compare with yet");
        assertNull(p.next(new Snapshot(10_000, 0, 0, 0, 0)), "quiet: nothing to say");
        assertEquals("sync: +1,200 entries, +3,400 chunks in 10 s (460 a second); 8,800 entries known still to fetch, "
                + "120 side chains incomplete, about 19 s to go at this rate",
                p.next(new Snapshot(20_000, 1_200, 3_400, 8_800, 120)));
        assertEquals(460.0, p.rate(), 0.001, "the rate the sync command shows");
        assertEquals("sync: +8,800 entries, +0 chunks in 10 s (880 a second); 0 entries known still to fetch, "
                + "4 side chains incomplete", p.next(new Snapshot(30_000, 10_000, 3_400, 0, 4)));
        assertEquals("sync: 10,000 entries and 3,400 chunks in 20 s (670 a second), nothing more arriving; "
                + "in step with its peers", p.next(new Snapshot(40_000, 10_000, 3_400, 0, 0)));
        assertNull(p.next(new Snapshot(50_000, 10_000, 3_400, 0, 0)), "said once");
        assertEquals(0.0, p.rate(), "nothing arriving");
    }

    @Test
    void timeToGoReadsAsPeopleSayIt() {
        assertEquals(", about 40 s to go at this rate", SyncProgress.toGo(400, 10));
        assertEquals(", about 3 min to go at this rate", SyncProgress.toGo(1_800, 10));
        assertEquals(", about 2.5 h to go at this rate", SyncProgress.toGo(90_000, 10));
        assertEquals("", SyncProgress.toGo(400, 0), "nothing arriving: no guess");
        assertEquals("", SyncProgress.toGo(0, 10));
    }
}
