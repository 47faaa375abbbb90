package org.tinyssb.link.kit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.MarkerIgnoringBase;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;
import org.tinyssb.codec.Crc32Frame;
import org.tinyssb.codec.Kiss;

class LinkKitTest {
    /** A logger that keeps its warning lines. */
    static final class Lines extends MarkerIgnoringBase {
        final List<String> lines = new ArrayList<>();

        private void add(String format, Object... args) {
            lines.add(org.slf4j.helpers.MessageFormatter.arrayFormat(format, args).getMessage());
        }

        @Override public boolean isTraceEnabled() { return false; }
        @Override public void trace(String msg) { }
        @Override public void trace(String format, Object arg) { }
        @Override public void trace(String format, Object arg1, Object arg2) { }
        @Override public void trace(String format, Object... arguments) { }
        @Override public void trace(String msg, Throwable t) { }
        @Override public boolean isDebugEnabled() { return false; }
        @Override public void debug(String msg) { }
        @Override public void debug(String format, Object arg) { }
        @Override public void debug(String format, Object arg1, Object arg2) { }
        @Override public void debug(String format, Object... arguments) { }
        @Override public void debug(String msg, Throwable t) { }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public void info(String msg) { add(msg); }
        @Override public void info(String format, Object arg) { add(format, arg); }
        @Override public void info(String format, Object arg1, Object arg2) { add(format, arg1, arg2); }
        @Override public void info(String format, Object... arguments) { add(format, arguments); }
        @Override public void info(String msg, Throwable t) { add(msg); }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public void warn(String msg) { add(msg); }
        @Override public void warn(String format, Object arg) { add(format, arg); }
        @Override public void warn(String format, Object... arguments) { add(format, arguments); }
        @Override public void warn(String format, Object arg1, Object arg2) { add(format, arg1, arg2); }
        @Override public void warn(String msg, Throwable t) { add(msg); }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public void error(String msg) { add(msg); }
        @Override public void error(String format, Object arg) { add(format, arg); }
        @Override public void error(String format, Object arg1, Object arg2) { add(format, arg1, arg2); }
        @Override public void error(String format, Object... arguments) { add(format, arguments); }
        @Override public void error(String msg, Throwable t) { add(msg); }
    }

    /** A link with nothing behind it, to deliver from. */
    private static final Link NOWHERE = new Link() {
        @Override public String id() { return "test"; }
        @Override public LinkProfile profile() { return LinkProfile.stream(120); }
        @Override public void attach(PacketReceiver receiver) { }
        @Override public boolean send(byte[] packet) { return false; }
        @Override public Map<String, Long> counters() { return Map.of(); }
    };

    @Test
    void countersKeepTheirStandardNamesInOneOrderAndSumDrops() {
        LinkCounters c = new LinkCounters();
        c.increment(LinkCounter.BAD_CRC);
        c.add(LinkCounter.PACKETS_IN, 3);
        c.increment(LinkCounter.FLOOD);
        c.set(LinkCounter.LAST_RSSI_DBM, -97);
        assertEquals(List.of("in", "bad-crc", "flood", "rssi-dbm"), List.copyOf(c.snapshot().keySet()));
        assertEquals(2, c.dropped(), "drops only, not packets in or gauges");
        assertEquals(-97, c.get(LinkCounter.LAST_RSSI_DBM));
    }

    @Test
    void aKindOfWarningPassesOnceAMinuteAndTheNextLineSaysHowManyWereHeldBack() {
        AtomicLong now = new AtomicLong(5);
        Lines log = new Lines();
        WarningThrottle t = new WarningThrottle(log, "udp:x", now::get);
        for (int i = 0; i < 1_000; i++) {
            t.warn("bad-crc", "dropped a frame");
        }
        t.warn("oversize", "dropped a long one");
        assertEquals(List.of("udp:x: dropped a frame", "udp:x: dropped a long one"), log.lines);
        now.addAndGet(WarningThrottle.INTERVAL_NANOS);
        t.warn("bad-crc", "dropped a frame");
        assertEquals("udp:x: dropped a frame (999 more like it in the last minute, counted, not logged)",
                log.lines.get(2));
    }

    @Test
    void inboundUnframesChecksCountsAndDeliversAndDropsTheRestByCause() {
        LinkCounters counters = new LinkCounters();
        Lines log = new Lines();
        Inbound in = new Inbound(NOWHERE, Framing.CRC32, 120, counters, new WarningThrottle(log, "t", () -> 0));
        List<byte[]> got = new ArrayList<>();
        in.attach((link, packet) -> got.add(packet));
        byte[] packet = new byte[120];
        packet[3] = 7;
        byte[] frame = Crc32Frame.frame(packet);
        in.frame(frame, frame.length, "peer");
        frame[10] ^= 1;
        in.frame(frame, frame.length, "peer");
        byte[] tooLong = Crc32Frame.frame(new byte[121]);
        in.frame(tooLong, tooLong.length, "peer");
        assertEquals(1, got.size());
        assertArrayEquals(packet, got.get(0));
        assertEquals(Map.of("in", 1L, "bad-crc", 1L, "oversize", 1L), counters.snapshot());
        assertEquals(2, log.lines.size(), "one line per kind: " + log.lines);
    }

    @Test
    void kissOnAStreamSurvivesGarbageAndCountsBrokenFrames() {
        LinkCounters counters = new LinkCounters();
        Inbound in = new Inbound(NOWHERE, Framing.CRC32, 120, counters, new WarningThrottle(new Lines(), "t", () -> 0));
        List<byte[]> got = new ArrayList<>();
        in.attach((link, packet) -> got.add(packet));
        KissStream stream = new KissStream(Framing.CRC32, 120, in, "line");
        byte[] packet = new byte[] {(byte) 0xC0, 1, (byte) 0xDB, 2};
        byte[] bytes = stream.encode(packet);
        byte[] garbage = {(byte) 0xC0, (byte) 0xDB, 0x11, (byte) 0xC0}; // a bad escape
        stream.feed(garbage, 0, garbage.length);
        stream.feed(bytes, 0, 3);
        stream.feed(bytes, 3, bytes.length - 3); // a frame split across reads
        byte[] huge = Kiss.encode(new byte[400]);
        stream.feed(huge, 0, huge.length);
        assertEquals(1, got.size());
        assertArrayEquals(packet, got.get(0));
        assertEquals(1, counters.get(LinkCounter.BAD_FRAME));
        assertEquals(1, counters.get(LinkCounter.OVERSIZE));
    }

    @Test
    void anOutboxIsBoundedInPacketsAndBytesAndSaysWhenItIsCongested() throws Exception {
        Outbox box = new Outbox(4, 300);
        assertTrue(box.offer(new byte[120]));
        assertFalse(box.congested());
        assertTrue(box.offer(new byte[120]));
        assertTrue(box.congested(), "half of the bytes taken");
        assertFalse(box.offer(new byte[120]), "300 bytes at most");
        assertTrue(box.offer(new byte[40]));
        assertEquals(280, box.bytes());
        assertEquals(120, box.poll(1, TimeUnit.SECONDS).length);
        box.close();
        assertNull(box.poll(1, TimeUnit.SECONDS));
        assertFalse(box.offer(new byte[1]));
    }

    @Test
    void aRateLimitTakesBurstsOfTwoSecondsAndThenTheRate() {
        AtomicLong now = new AtomicLong();
        RateLimit limit = new RateLimit(10, now::get);
        int taken = 0;
        for (int i = 0; i < 100; i++) {
            taken += limit.admit() ? 1 : 0;
        }
        assertEquals(20, taken);
        now.addAndGet(1_000_000_000L);
        taken = 0;
        for (int i = 0; i < 100; i++) {
            taken += limit.admit() ? 1 : 0;
        }
        assertEquals(10, taken);
    }

    @Test
    void healthReadsAsOneWordAndItsCause() {
        assertEquals("down: connection refused", LinkHealth.down("connection refused", 1).toString());
        assertEquals("up", LinkHealth.up(1).toString());
    }
}
