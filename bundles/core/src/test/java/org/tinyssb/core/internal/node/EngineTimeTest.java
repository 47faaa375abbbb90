package org.tinyssb.core.internal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.Neighbour;

/**
 * A neighbour heard a minute ago on the engine's monotonic clock is told as heard a minute before
 * the wall clock's now (the shell showed "1796689989 s ago", the dashboard "499080.7 h ago", taking
 * the engine's clock for epoch milliseconds).
 */
class EngineTimeTest {
    @Test
    void aNeighbourHeardAMinuteAgoOnTheEnginesClockIsAMinuteAgoOnTheWallClock() {
        long engineNow = 3_600_000; // an hour after the engine's clock started
        long wallNow = 1_796_689_989_000L;
        Neighbour heard = new Neighbour("1eae", "udp::18611", "beacon", engineNow - 60_000, -80, 7.5, "t=3");
        Neighbour told = EngineTime.onWallClock(List.of(heard), engineNow, wallNow).get(0);
        assertEquals(wallNow - 60_000, told.lastHeardMillis());
        assertEquals(new Neighbour("1eae", "udp::18611", "beacon", wallNow - 60_000, -80, 7.5, "t=3"), told);
    }
}
