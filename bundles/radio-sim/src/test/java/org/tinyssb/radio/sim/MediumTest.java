package org.tinyssb.radio.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.radio.LoRaSettings;
import org.tinyssb.api.radio.RadioPlans;

class MediumTest {
    private final VirtualClock clock = new VirtualClock();
    private final LoRaSettings eu = RadioPlans.parse("main/EU868.a").settings(14, false);

    private SimRadio radio(Medium m, String id, List<byte[]> heard, List<Long> at) {
        SimRadio r = m.radio(id, eu, 1.0, 3_600_000, 0, 16);
        r.attach((from, p) -> {
            heard.add(p);
            at.add(clock.nowMillis());
        });
        return r;
    }

    @Test
    void aFrameArrivesAfterItsTimeOnAirAtRadiosInRangeOnly() {
        Medium m = new Medium(clock, new Random(1), 0);
        List<byte[]> atB = new ArrayList<>();
        List<Long> whenB = new ArrayList<>();
        List<byte[]> atC = new ArrayList<>();
        SimRadio a = radio(m, "a", new ArrayList<>(), new ArrayList<>());
        SimRadio b = radio(m, "b", atB, whenB);
        SimRadio c = radio(m, "c", atC, new ArrayList<>());
        m.line(List.of(a, b, c));
        a.send(new byte[120]);
        clock.advance(1_000);
        assertEquals(1, atB.size());
        assertEquals(Math.round(eu.airtimeMillis(124)), whenB.get(0), "heard when the frame ends");
        assertEquals(0, atC.size(), "c is out of a's range");
        assertEquals(1, m.stats().framesSent());
        assertEquals(eu.airtimeMillis(124), m.stats().airtimeMillis(), 1e-9);
    }

    @Test
    void overlappingFramesCollideAtAReceiverThatHearsBoth() {
        Medium m = new Medium(clock, new Random(1), 0);
        List<byte[]> atB = new ArrayList<>();
        SimRadio a = radio(m, "a", new ArrayList<>(), new ArrayList<>());
        SimRadio b = radio(m, "b", atB, new ArrayList<>());
        SimRadio c = radio(m, "c", new ArrayList<>(), new ArrayList<>());
        m.line(List.of(a, b, c)); // a and c cannot hear each other: hidden terminals
        a.send(new byte[120]);
        clock.advance(30);
        c.send(new byte[60]);
        clock.advance(1_000);
        assertEquals(0, atB.size());
        assertEquals(2, m.stats().collisions());
        b.send(new byte[10]);
        clock.advance(1_000);
        a.send(new byte[10]);
        clock.advance(1_000);
        assertEquals(1, atB.size(), "one frame at a time arrives");
    }

    @Test
    void withListenBeforeTalkARadioWaitsForTheFrameItHearsButNotForHiddenOnes() {
        Medium m = new Medium(clock, new Random(1), 0);
        List<byte[]> atB = new ArrayList<>();
        List<byte[]> atC = new ArrayList<>();
        SimRadio a = radio(m, "a", new ArrayList<>(), new ArrayList<>()).listenBeforeTalk(true);
        SimRadio b = radio(m, "b", atB, new ArrayList<>()).listenBeforeTalk(true);
        SimRadio c = radio(m, "c", atC, new ArrayList<>()).listenBeforeTalk(true);
        m.line(List.of(a, b, c));
        a.send(new byte[120]);
        clock.advance(30);
        b.send(new byte[60]); // b hears a: it waits until a's frame has ended
        clock.advance(2_000);
        assertEquals(1, atB.size(), "a's frame reached b intact");
        assertEquals(1, atC.size(), "then b's reached c");
        assertEquals(0, m.stats().collisions());
        assertTrue(b.counters().get("channel-busy") >= 1);
        a.send(new byte[120]);
        clock.advance(30);
        c.send(new byte[60]); // c cannot hear a (hidden terminal): carrier sense cannot help at b
        clock.advance(2_000);
        assertEquals(1, atB.size(), "both collided at b");
        assertEquals(0, c.counters().getOrDefault("channel-busy", 0L));
    }

    @Test
    void aRadioThatIsSendingHearsNothing() {
        Medium m = new Medium(clock, new Random(1), 0);
        List<byte[]> atA = new ArrayList<>();
        List<byte[]> atB = new ArrayList<>();
        SimRadio a = radio(m, "a", atA, new ArrayList<>());
        SimRadio b = radio(m, "b", atB, new ArrayList<>());
        m.connect(a, b);
        a.send(new byte[120]);
        b.send(new byte[120]);
        clock.advance(1_000);
        assertEquals(0, atA.size());
        assertEquals(0, atB.size());
        assertEquals(1, a.counters().get("missed-while-sending"));
    }

    @Test
    void theLossTakesItsShareAndTheDutyCycleBoundsTheAirTime() {
        Medium m = new Medium(clock, new Random(5), 0.3);
        List<byte[]> atB = new ArrayList<>();
        SimRadio a = m.radio("a", eu, 0.01, 100_000, 0, 2_000);
        SimRadio b = radio(m, "b", atB, new ArrayList<>());
        m.connect(a, b);
        for (int i = 0; i < 1_000; i++) {
            byte[] p = new byte[120];
            p[0] = (byte) i; // distinct packets (the radio does not queue the same one twice)
            p[1] = (byte) (i >> 8);
            a.send(p);
        }
        clock.advance(99_999); // the first window
        long sentInWindow = m.stats().framesSent();
        assertTrue(m.stats().airtimeMillis() <= 1_000.0 + 1e-6, "1 % of 100 s: " + m.stats().airtimeMillis());
        assertEquals((long) Math.floor(1_000 / eu.airtimeMillis(124)), sentInWindow);
        clock.runUntil(() -> m.stats().framesSent() == 1_000, 100 * 100_000L);
        double heard = atB.size() / 1_000.0;
        assertTrue(heard > 0.64 && heard < 0.76, "about 70 % heard (4 standard deviations): " + heard);
    }
}
