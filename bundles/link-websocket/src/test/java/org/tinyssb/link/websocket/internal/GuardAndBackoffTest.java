package org.tinyssb.link.websocket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GuardAndBackoffTest {
    @Test
    void theGuardTakesPacketsAtItsRateAndRefusesOversizeAndText() {
        AtomicLong nanos = new AtomicLong();
        InboundGuard guard = new InboundGuard(100, nanos::get); // burst 200
        int accepted = 0;
        for (int i = 0; i < 300; i++) {
            accepted += guard.binary(120) == InboundGuard.Verdict.ACCEPT ? 1 : 0;
        }
        assertEquals(200, accepted, "a burst of twice the rate, then nothing");
        assertEquals(InboundGuard.Verdict.FLOOD, guard.binary(120));
        nanos.addAndGet(500_000_000L); // half a second refills 50
        accepted = 0;
        for (int i = 0; i < 100; i++) {
            accepted += guard.binary(120) == InboundGuard.Verdict.ACCEPT ? 1 : 0;
        }
        assertEquals(50, accepted);
        assertEquals(InboundGuard.Verdict.OVERSIZE, guard.binary(1025));
        assertEquals(InboundGuard.Verdict.TEXT, guard.text());
    }

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
}
