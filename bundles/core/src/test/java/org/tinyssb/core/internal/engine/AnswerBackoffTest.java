package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Repeated answers on a shared channel: the first repeats go, later ones back off; memory stays bounded. */
class AnswerBackoffTest {
    private static HashKey key(int i) {
        byte[] p = new byte[120];
        p[0] = (byte) i;
        p[1] = (byte) (i >> 8);
        p[2] = (byte) (i >> 16);
        return AnswerBackoff.keyOf(p);
    }

    @Test
    void aPacketAskedForAgainAndAgainIsSentLessAndLessOften() {
        AnswerBackoff b = new AnswerBackoff(new Random(1), 1_000);
        HashKey k = key(1);
        assertTrue(b.permit(k, 0), "the first time");
        assertTrue(b.permit(k, 10), "the first repeat (a plain loss is the likely cause)");
        assertEquals(2, b.timesSent(k, 10));
        int sent = 0;
        for (int i = 0; i < 400; i++) {
            sent += b.permit(k, 20 + i) ? 1 : 0;
        }
        assertTrue(sent > 0 && sent < 100, "later repeats go at most one time in two, then one in eight: " + sent);
        assertEquals(400 - sent, b.heldBack());
        assertEquals(0, b.timesSent(k, 20 + 400 + AnswerBackoff.MIN_WINDOW_MILLIS + 1), "forgotten after its window");
    }

    @Test
    void whateverPeersAskForTheMemoryStaysBounded() {
        AnswerBackoff b = new AnswerBackoff(new Random(1), 1_000);
        for (int i = 0; i < 10 * AnswerBackoff.CAPACITY; i++) {
            assertTrue(b.permit(key(i), 0));
        }
        assertEquals(AnswerBackoff.CAPACITY, b.remembered());
    }
}
