package org.tinyssb.radio.serial.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tinyssb.link.kit.Framing;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.codec.Crc32Frame;
import org.tinyssb.codec.Kiss;
import org.tinyssb.testkit.socat.SocatPair;

/**
 * The real driver (jSerialComm on a real terminal device) against a pseudo-terminal pair made by
 * socat: what it writes on the line, what it takes from it, and what it does when the port goes
 * away and comes back.
 */
class SerialModemTest {
    private static final long WAIT_MILLIS = 20_000;

    @TempDir
    Path dir;
    private SocatPair cable;
    private final List<SerialModem> modems = new CopyOnWriteArrayList<>();

    /** A modem whose links (one per time its port was open) are recorded. */
    private final class Probe implements SerialModem.LinkSink {
        final List<SerialModemLink> ups = new CopyOnWriteArrayList<>();
        final List<SerialModemLink> downs = new CopyOnWriteArrayList<>();
        final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        final SerialModem modem;

        Probe(Path port) {
            modem = new SerialModem(new SerialModem.Settings(port.toString(), 115_200, Framing.CRC32, 100, 50, 64),
                    this);
            modems.add(modem);
            modem.start();
        }

        @Override
        public void up(SerialModemLink link) {
            link.attach((from, packet) -> received.add(packet));
            ups.add(link);
        }

        @Override
        public void down(SerialModemLink link) {
            downs.add(link);
        }

        SerialModemLink current() throws InterruptedException {
            await("the port open", () -> ups.size() > downs.size());
            return ups.get(ups.size() - 1);
        }

        byte[] next() throws InterruptedException {
            byte[] p = received.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            assertNotNull(p, "a packet within " + WAIT_MILLIS + " ms; counters " + modem.counters());
            return p;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT_MILLIS + " ms: " + what);
            }
            Thread.sleep(10); // polling a condition another thread changes, bounded by the deadline
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (SerialModem m : modems) {
            m.close();
        }
        if (cable != null) {
            cable.close();
        }
    }

    private static byte[] packet(int seed) {
        byte[] p = new byte[120];
        new Random(seed).nextBytes(p);
        p[3] = (byte) Kiss.FEND; // something to escape
        p[9] = (byte) Kiss.FESC;
        return p;
    }

    @Test
    void twoModemsOnTheEndsOfACableExchangePacketsBothWays() throws Exception {
        cable = new SocatPair(dir).start();
        Probe a = new Probe(cable.a);
        Probe b = new Probe(cable.b);
        SerialModemLink la = a.current();
        SerialModemLink lb = b.current();
        for (int i = 0; i < 20; i++) {
            assertTrue(la.send(packet(i)));
            assertTrue(lb.send(packet(100 + i)));
        }
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(packet(i), b.next(), "packet " + i + " at B");
            assertArrayEquals(packet(100 + i), a.next(), "packet " + i + " at A");
        }
        assertEquals(20, a.modem.counters().get("in"));
        assertEquals(20, a.modem.counters().get("out"));
        assertEquals("serial:" + cable.a, la.id());
        assertTrue(la.profile().broadcast());
    }

    @Test
    void onTheLineAPacketIsKissAroundPacketAndCrc32AndGarbageIsCountedNotFatal() throws Exception {
        cable = new SocatPair(dir).start();
        Probe a = new Probe(cable.a);
        SerialModemLink link = a.current();
        try (FileOutputStream toA = new FileOutputStream(cable.b.toFile());
                FileInputStream fromA = new FileInputStream(cable.b.toFile())) {
            byte[] expected = Kiss.encode(Crc32Frame.frame(packet(1)));
            link.send(packet(1));
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buf = new byte[512];
            while (line.size() < expected.length) {
                int n = fromA.read(buf);
                assertTrue(n > 0, "the line ended");
                line.write(buf, 0, n);
            }
            assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(line.toByteArray()));

            byte[] corrupt = Crc32Frame.frame(packet(2));
            corrupt[50] ^= 1;
            toA.write("rst:0x1 (POWERON_RESET),boot:0x13\r\n".getBytes()); // a board booting
            toA.write(Kiss.encode(corrupt));
            toA.write(new byte[] {(byte) 0xC0, 1, 2, (byte) 0xDB, 7, (byte) 0xC0});
            toA.write(Kiss.encode(new byte[300]));
            toA.write(Kiss.encode(new byte[] {1, 2})); // no room for a CRC
            toA.write(Kiss.encode(Crc32Frame.frame(packet(3))));
            toA.flush();
            assertArrayEquals(packet(3), a.next());
            assertEquals(2, a.modem.counters().get("bad-crc"), "bad CRC, and too short for one; counters "
                    + a.modem.counters());
            assertEquals(1, a.modem.counters().get("bad-frame"));
            assertEquals(1, a.modem.counters().get("oversize"));
        }
        assertTrue(link.send(packet(4)), "the link still takes packets");
        assertEquals(0, a.downs.size(), "the link stayed up");
    }

    @Test
    void whenThePortGoesAwayTheLinkIsWithdrawnAndReturnsWithThePort() throws Exception {
        SocatPair unplugged = new SocatPair(dir);
        Probe a = new Probe(unplugged.a); // the port is not there yet: the modem keeps trying
        await("attempts to open an absent port", () -> a.modem.counters().getOrDefault("open-failed", 0L) >= 2);
        assertEquals(0, a.ups.size());

        cable = unplugged.start();
        Probe b = new Probe(cable.b);
        SerialModemLink first = a.current();
        b.current().send(packet(7));
        assertArrayEquals(packet(7), a.next());

        cable.stop();
        await("A's link withdrawn after the unplug", () -> a.downs.contains(first));
        assertEquals(1, a.modem.counters().get("link-lost"));

        cable.start();
        SerialModemLink second = a.current();
        assertTrue(second != first, "a new link for the port's return");
        SerialModemLink fromB = b.current();
        await("B back as well", () -> b.ups.size() == 2);
        b.ups.get(1).send(packet(8));
        assertArrayEquals(packet(8), a.next());
        second.send(packet(9));
        assertArrayEquals(packet(9), b.next());
        assertTrue(fromB != null);
    }
}
