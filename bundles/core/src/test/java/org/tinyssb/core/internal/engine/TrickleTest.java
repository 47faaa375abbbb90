package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Trickle timer (RFC 6206) on a virtual clock. */
class TrickleTest {
    private final VirtualScheduler clock = new VirtualScheduler();
    private final List<Long> fired = new ArrayList<>();
    private final List<Long> suppressed = new ArrayList<>();

    private Trickle trickle(long min, long max, int k) {
        return new Trickle(min, max, k, clock, new Random(3), s -> (s ? suppressed : fired).add(clock.nowMillis()));
    }

    @Test
    void intervalsDoubleUpToTheMaximumAndEachTransmissionFallsInTheSecondHalf() {
        Trickle t = trickle(1_000, 16_000, 1);
        t.start();
        long begin = 0;
        for (long interval : new long[] {1_000, 2_000, 4_000, 8_000, 16_000, 16_000, 16_000}) {
            assertEquals(interval, t.intervalMillis());
            clock.advance(interval);
            long at = fired.get(fired.size() - 1) - begin;
            assertTrue(at >= interval / 2 && at < interval, "transmission at " + at + " ms of a " + interval + " ms interval");
            begin += interval;
        }
        assertEquals(7, fired.size(), "one transmission per interval");
        assertEquals(7, t.transmissions());
    }

    @Test
    void anInconsistencyStartsAgainAtTheShortestInterval() {
        Trickle t = trickle(1_000, 64_000, 1);
        t.start();
        clock.advance(1_000 + 2_000 + 4_000 + 8_000);
        assertEquals(16_000, t.intervalMillis());
        int before = fired.size();
        t.inconsistent();
        assertEquals(1_000, t.intervalMillis());
        clock.advance(1_000);
        assertEquals(before + 1, fired.size(), "a transmission within the shortest interval after the reset");
    }

    @Test
    void suppressionLimitedToOnceInARowWhileTheLimitApplies() {
        Trickle t = trickle(1_000, 1_000, 1); // fixed intervals
        boolean[] applies = {true};
        t.limitSuppression(1, () -> applies[0]);
        t.start();
        for (int i = 0; i < 6; i++) { // a neighbour says the same in every interval
            t.heardConsistent();
            clock.advance(1_000);
        }
        assertEquals(3, fired.size(), "every other one goes");
        assertEquals(3, suppressed.size());
        assertEquals(3, t.transmissions(), "counted as sent");
        applies[0] = false;
        for (int i = 0; i < 4; i++) {
            t.heardConsistent();
            clock.advance(1_000);
        }
        assertEquals(3, fired.size(), "the limit no longer applies: all left out");
    }

    @Test
    void aNeighbourThatNeedsThisNodesTransmissionGetsItEvenWhenOthersSaidTheSame() {
        Trickle t = trickle(1_000, 1_000, 1); // fixed intervals: nothing here resets or doubles them
        t.start();
        t.heardConsistent(); // a neighbour said the same: this interval's transmission is left out
        clock.advance(1_000);
        assertEquals(List.of(), fired);
        assertEquals(1, suppressed.size());
        t.heardConsistent(); // the same again, but another neighbour, out of its range, needs it
        t.unsuppress();
        clock.advance(1_000);
        assertEquals(1, fired.size(), "the neighbour that needs it hears this node's own transmission");
        t.heardConsistent();
        clock.advance(1_000);
        assertEquals(1, fired.size(), "the next interval is an ordinary one again");
        assertEquals(1_000, t.intervalMillis(), "and nothing was reset");
    }

    @Test
    void askedAfterThisIntervalsTransmissionTheNextOneGoesOut() {
        Trickle t = trickle(1_000, 1_000, 1);
        t.start();
        clock.advance(999); // the transmission point (second half) has passed
        assertEquals(1, fired.size());
        t.unsuppress();
        clock.advance(1);
        t.heardConsistent();
        clock.advance(1_000);
        assertEquals(2, fired.size(), "carried into the next interval, not lost");
        assertEquals(0, suppressed.size());
    }

    @Test
    void inconsistenciesAtTheShortestIntervalDoNotMakeItTransmitMoreOften() {
        Trickle t = trickle(1_000, 64_000, 1);
        t.start();
        for (int i = 0; i < 100; i++) {
            t.inconsistent();
            clock.advance(100);
        }
        assertTrue(fired.size() <= 10, "at most one transmission per shortest interval: " + fired.size() + " in 10 s");
    }

    @Test
    void kConsistentTransmissionsHeardSuppressTheNodesOwn() {
        Trickle t = trickle(10_000, 10_000, 2);
        t.start();
        t.heardConsistent(); // one is not enough for k = 2
        clock.advance(10_000);
        assertEquals(1, fired.size());
        t.heardConsistent();
        t.heardConsistent();
        clock.advance(10_000);
        assertEquals(1, fired.size(), "suppressed");
        assertEquals(1, suppressed.size());
        assertEquals(1, t.suppressions());
        clock.advance(10_000);
        assertEquals(2, fired.size(), "the count starts over with each interval");
    }

    @Test
    void stoppedItNeverFiresAgain() {
        Trickle t = trickle(1_000, 8_000, 1);
        t.start();
        clock.advance(3_000);
        int n = fired.size();
        t.stop();
        t.inconsistent();
        clock.advance(60_000);
        assertEquals(n, fired.size());
    }
}
