package org.tinyssb.link.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.radio.LoRaSettings;
import org.tinyssb.api.radio.RadioPlans;

class TransmitQueueTest {
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L); // a wall clock
    private final LoRaSettings eu = RadioPlans.parse("main/EU868.b").settings(14, false);

    @Test
    void oneFrameAtATimeThenTheJitterThenTheNext() {
        TransmitQueue q = new TransmitQueue(eu, 4, 1.0, 3_600_000, 300, 8, now::get, new Random(3));
        q.offer(new byte[120]);
        q.offer(new byte[20]);
        Random expected = new Random(3);
        int before = expected.nextInt(301);
        assertEquals(before, assertInstanceOf(TransmitQueue.Wait.class, q.next()).millis(),
                "an idle radio waits a random pause too (rounds of equal length must not collide forever)");
        now.addAndGet(before);
        TransmitQueue.Send first = assertInstanceOf(TransmitQueue.Send.class, q.next());
        assertEquals(205.056, first.airtimeMillis(), 1e-9);
        assertInstanceOf(TransmitQueue.Idle.class, q.next(), "nothing while a frame is on the air");
        now.addAndGet(206);
        q.transmissionEnded();
        int jitter = expected.nextInt(301);
        TransmitQueue.Next n = q.next();
        if (jitter > 0) {
            assertEquals(jitter, assertInstanceOf(TransmitQueue.Wait.class, n).millis());
            now.addAndGet(jitter);
            n = q.next();
        }
        assertEquals(20, assertInstanceOf(TransmitQueue.Send.class, n).packet().length);
    }

    @Test
    void theBudgetHoldsFramesUntilTheWindowHasRoomAndTheQueueIsBounded() {
        TransmitQueue q = new TransmitQueue(eu, 4, 0.01, 100_000, 0, 6, now::get, new Random(1));
        for (int i = 0; i < 6; i++) {
            byte[] p = new byte[120];
            p[0] = (byte) i;
            q.offer(p);
        }
        assertFalse(q.offer(new byte[119]), "the queue holds 6");
        for (int i = 0; i < 4; i++) { // 4 x 205 ms fit in 1 s
            assertInstanceOf(TransmitQueue.Send.class, q.next());
            now.addAndGet(1_000);
            q.transmissionEnded();
        }
        TransmitQueue.Wait w = assertInstanceOf(TransmitQueue.Wait.class, q.next());
        assertEquals(100_000 - 4_000, w.millis(), "until the first frame leaves the window");
        now.addAndGet(w.millis());
        assertInstanceOf(TransmitQueue.Send.class, q.next());
        assertEquals(1, q.waiting());
    }

    @Test
    void aPacketAlreadyWaitingIsNotQueuedTwice() {
        TransmitQueue q = new TransmitQueue(eu, 4, 1.0, 3_600_000, 0, 2, now::get, new Random(1));
        byte[] entry = new byte[120];
        entry[0] = 1;
        assertTrue(q.offer(entry));
        assertTrue(q.offer(entry.clone()), "taken: it goes out anyway");
        assertTrue(q.offer(new byte[120]));
        assertEquals(2, q.waiting());
        assertEquals(1, q.duplicatesAbsorbed());
        assertFalse(q.offer(new byte[60]), "full");
    }

    @Test
    void theRateItPromisesCountsAirTimeDutyCycleAndPauses() {
        double airtime = eu.airtimeMillis(124);
        TransmitQueue free = new TransmitQueue(eu, 4, 1.0, 3_600_000, 500, 8, now::get, new Random(1));
        assertEquals(1000.0 / (airtime + 250), free.framesPerSecond(), 1e-9, "air time plus the mean pause");
        TransmitQueue eu1 = new TransmitQueue(eu, 4, 0.01, 3_600_000, 500, 8, now::get, new Random(1));
        assertEquals(10.0 / airtime, eu1.framesPerSecond(), 1e-9, "1 % duty cycle is the tighter limit");
    }

    @Test
    void dataGetsAtLeastFourFifthsOfTheBudgetWhileItWaits() {
        TransmitQueue q = new TransmitQueue(eu, 4, 0.01, 100_000, 0, 8, now::get, new Random(1)); // 1,000 ms a window
        byte[] claim1 = new byte[100];
        byte[] claim2 = new byte[100];
        claim2[0] = 1;
        byte[] entry = new byte[120];
        q.offer(claim1);
        q.offer(claim2);
        q.offer(entry);
        assertEquals(100, sendNow(q).length, "control first, in order, within its share (200 ms of 1,000)");
        assertEquals(120, sendNow(q).length, "the second claim would pass control's share: the waiting entry goes ahead");
        assertEquals(1, q.controlDeferred());
        assertEquals(100, sendNow(q).length, "with no data waiting, control may use the rest of the budget");
        assertEquals(q.airtimeMillis(100) * 2 + q.airtimeMillis(120), q.budgetUsedMillis(), 1e-9);
        assertEquals(1_000, q.allowedMillis(), 1e-9);
    }

    private byte[] sendNow(TransmitQueue q) {
        TransmitQueue.Next n = q.next();
        while (n instanceof TransmitQueue.Wait w) {
            now.addAndGet(w.millis());
            n = q.next();
        }
        byte[] p = assertInstanceOf(TransmitQueue.Send.class, n).packet();
        now.addAndGet(250);
        q.transmissionEnded();
        return p;
    }
}
