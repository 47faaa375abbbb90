package org.tinyssb.link.websocket.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void backoffDoublesWithJitterUpToItsBoundAndStartsOverAfterAConnection() {
        Backoff b = new Backoff(1_000, 8_000, new Random(1));
        long[] expectedBase = {1_000, 2_000, 4_000, 8_000, 8_000};
        for (long base : expectedBase) {
            long d = b.nextDelay();
            assertTrue(d >= base && d <= base * 5 / 4, d + " for base " + base);
        }
        b.reset();
        assertTrue(b.nextDelay() <= 1_250);
    }

    @Test
    void onlyAConnectionThatHeldStartsTheDelaysOver() {
        Backoff b = new Backoff(1_000, 64_000, new Random(1));
        long[] expectedBase = {1_000, 2_000, 4_000, 8_000};
        for (long base : expectedBase) { // a pub that accepts and closes within a second, or sends oversize frames
            long d = b.afterConnection(900, false);
            assertTrue(d >= base && d <= base * 5 / 4, d + " for base " + base);
        }
        long d = b.afterConnection(Backoff.HELD_MILLIS, true);
        assertTrue(d >= 16_000, "a frame over the limit does not count as held: " + d);
        assertTrue(b.afterConnection(Backoff.HELD_MILLIS, false) <= 1_250, "a connection that held starts over");
    }
}
