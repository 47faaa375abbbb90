package org.tinyssb.radio.serial.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.codec.Crc32Frame;
import org.tinyssb.codec.Kiss;
import org.tinyssb.testkit.rnode.RNodeAir;
import org.tinyssb.testkit.rnode.RNodeModel;
import org.tinyssb.testkit.socat.SocatPair;

/**
 * The RNode dialect (jSerialComm on a real terminal device) against a model of the RNode firmware
 * at the far end of a socat pair: the exact set-up bytes, data both ways over a simulated channel,
 * flow control, the modem's errors and restarts, frames split across reads, unplugging, and
 * devices that are not RNodes or refuse the settings.
 */
class RNodeTest {
    private static final long WAIT_MILLIS = 20_000;

    @TempDir
    Path dir;
    private final List<SocatPair> cables = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final RNodeAir air = new RNodeAir();

    /** A node's RNode modem whose links (one per time it was set up) are recorded. */
    private final class Node implements RNodeModem.LinkSink {
        final List<RNodeLink> ups = new CopyOnWriteArrayList<>();
        final List<RNodeLink> downs = new CopyOnWriteArrayList<>();
        final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        volatile org.tinyssb.api.link.Signal lastSignal;
        final RNodeModem modem;

        Node(Path port, Map<String, Object> settings) {
            Map<String, Object> all = new HashMap<>(Map.of("port", port.toString(), "reconnect_ms", 200L,
                    "tx_jitter_ms", 0L, "detect_timeout_ms", 2_000L));
            all.putAll(settings);
            modem = new RNodeModem(RNodeComponent.settings(config(all)), this, System::currentTimeMillis, new Random(3));
            closing.add(modem);
            modem.start();
        }

        @Override
        public void up(RNodeLink link) {
            link.attach(new org.tinyssb.api.link.PacketReceiver() {
                @Override
                public void packetReceived(org.tinyssb.api.link.Link from, byte[] packet) {
                    received.add(packet);
                }

                @Override
                public void packetReceived(org.tinyssb.api.link.Link from, byte[] packet,
                        org.tinyssb.api.link.Signal signal) {
                    lastSignal = signal;
                    received.add(packet);
                }
            });
            ups.add(link);
        }

        @Override
        public void down(RNodeLink link) {
            downs.add(link);
        }

        RNodeLink current() throws InterruptedException {
            await("the RNode set up (" + modem.status() + ")", () -> ups.size() > downs.size());
            return ups.get(ups.size() - 1);
        }

        byte[] next() throws InterruptedException {
            byte[] p = received.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            assertNotNull(p, "a packet within " + WAIT_MILLIS + " ms; counters " + modem.counters());
            return p;
        }
    }

    /** The component's configuration: the given values, the metatype defaults for the rest. */
    private static RNodeComponent.Config config(Map<String, Object> values) {
        return (RNodeComponent.Config) Proxy.newProxyInstance(RNodeComponent.Config.class.getClassLoader(),
                new Class<?>[] {RNodeComponent.Config.class}, (proxy, method, args) -> {
                    Object v = values.get(method.getName());
                    return v != null ? v : method.getDefaultValue();
                });
    }

    private SocatPair cable() throws Exception {
        Path d = Files.createDirectories(dir.resolve("cable" + cables.size()));
        SocatPair c = new SocatPair(d).start();
        cables.add(c);
        return c;
    }

    private RNodeModel model(Path at) throws Exception {
        RNodeModel m = new RNodeModel(air).attach(at);
        closing.add(m);
        return m;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT_MILLIS + " ms: " + what);
            }
            Thread.sleep(10); // polling a condition other threads change, bounded by the deadline
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        for (SocatPair c : cables) {
            c.close();
        }
        air.close();
    }

    private static byte[] packet(int seed) {
        byte[] p = new byte[120];
        new Random(seed).nextBytes(p);
        p[3] = (byte) Kiss.FEND;
        p[9] = (byte) Kiss.FESC;
        return p;
    }

    private static final String DETECT = "c00873c05000c04800c04900c0";

    /** What the host wrote after its detect requests (it repeats them while the modem is silent). */
    private static String afterDetect(byte[] hostBytes) {
        String hex = HexFormat.of().formatHex(hostBytes);
        assertTrue(hex.startsWith(DETECT), "the host starts with Reticulum's detect request: " + hex);
        while (hex.startsWith(DETECT)) {
            hex = hex.substring(DETECT.length());
        }
        return hex;
    }

    @Test
    void theHostSetsTheModemUpWithReticulumsBytesAndTheRegionsAirtimeLocks() throws Exception {
        SocatPair c = cable();
        RNodeModel rnode = model(c.b);
        Node node = new Node(c.a, Map.of("plan", "main/EU868.a", "tx_power_dbm", 14));
        RNodeLink link = node.current();
        String expected = "c00133c134e0c0" // frequency 868.3 MHz
                + "c0020003d090c0" // bandwidth 250 kHz
                + "c0030ec0" // 14 dBm
                + "c00407c0" // SF7
                + "c00505c0" // CR 4/5
                + "c00b03e8c0" // short-term airtime lock 10.00 %
                + "c00c0064c0" // long-term airtime lock 1.00 % (EU868's duty cycle)
                + "c00601c0"; // radio on
        assertTrue(afterDetect(rnode.hostBytes()).startsWith(expected), afterDetect(rnode.hostBytes()));
        assertEquals(new RNodeAir.Tuning(868_299_987L, 250_000, 7, 5, 0x12), rnode.tuning(),
                "tuned in the SX127x's steps, within 100 Hz");
        assertEquals(14, rnode.txPowerDbm());
        assertArrayEquals(new double[] {10.0, 1.0}, rnode.airtimeLimits());
        assertTrue(rnode.online());
        assertEquals("rnode:" + c.a, link.id());
        assertTrue(link.profile().broadcast());
        assertTrue(node.modem.status().startsWith("ready: RNode firmware 1.85 on ESP32, 868.300 MHz, 250 kHz, SF7"),
                node.modem.status());
        await("the modem's battery reported", () -> node.modem.counters().getOrDefault("battery-pct", 0L) == 90);
    }

    @Test
    void settingsWithBytesThatNeedEscapingAreEscapedAndNoLocksGoWhereTheRegionHasNoDutyCycle() throws Exception {
        SocatPair c = cable();
        RNodeModel rnode = model(c.b);
        Node node = new Node(c.a, Map.of("plan", "US915.a", "tx_power_dbm", 17));
        node.current();
        assertTrue(afterDetect(rnode.hostBytes()).startsWith("c00135eb19dbdcc0" // 904.6 MHz: 35 EB 19 C0, escaped
                + "c0020007a120c0c00311c0c00408c0c00505c0c00601c0"), afterDetect(rnode.hostBytes()));
        assertArrayEquals(new double[] {0.0, 0.0}, rnode.airtimeLimits());
    }

    @Test
    void twoNodesExchangePacketsOverTheirRNodesWithSignalFiguresAndFlowControl() throws Exception {
        SocatPair ca = cable();
        SocatPair cb = cable();
        RNodeModel ra = model(ca.b);
        RNodeModel rb = model(cb.b);
        Map<String, Object> settings = Map.of("plan", "main/AU915.a", "tx_power_dbm", 14);
        Node a = new Node(ca.a, settings);
        Node b = new Node(cb.a, settings);
        RNodeLink la = a.current();
        RNodeLink lb = b.current();
        air.setSignal(-103, -2.5);
        for (int i = 0; i < 10; i++) {
            assertTrue(la.send(packet(i)));
        }
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(packet(i), b.next(), "packet " + i + " at B");
        }
        for (int i = 0; i < 10; i++) {
            assertTrue(lb.send(packet(50 + i)));
        }
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(packet(50 + i), a.next(), "packet " + i + " at A");
        }
        RNodeAir.Frame first = air.frames().get(0);
        assertEquals(1 + 120 + 4, first.bytes().length, "on the air: the RNode's header byte, packet, CRC32");
        assertArrayEquals(Crc32Frame.frame(packet(0)), java.util.Arrays.copyOfRange(first.bytes(), 1, 125));
        assertEquals(-103, b.modem.counters().get("rssi-dbm"));
        assertEquals(-2, b.modem.counters().get("snr-db"), "-2.5 dB, rounded");
        assertEquals(new org.tinyssb.api.link.Signal(-103, -2.5), b.lastSignal, "each packet reaches the node with its signal");
        assertTrue(ra.readyQueries() >= 9, "the host asked for room before each next frame: " + ra.readyQueries());
        assertEquals(0, ra.overflows() + rb.overflows(), "never a frame into a full queue");
        await("A's counters", () -> a.modem.counters().getOrDefault("out", 0L) == 10);
        assertEquals(10, b.modem.counters().get("in"));
        assertTrue(a.modem.counters().get("airtime-ms") > 10 * 40, "time on air counted: " + a.modem.counters());
    }

    @Test
    void whileTheModemHoldsItsQueueTheHostWaitsAndNothingIsLost() throws Exception {
        SocatPair ca = cable();
        SocatPair cb = cable();
        RNodeModel ra = model(ca.b).queueCapacity(2);
        model(cb.b);
        Map<String, Object> settings = Map.of("plan", "main/AU915.a", "tx_power_dbm", 14);
        Node a = new Node(ca.a, settings);
        Node b = new Node(cb.a, settings);
        RNodeLink la = a.current();
        b.current();
        ra.holdQueue(true); // the channel is busy: the modem sends nothing
        for (int i = 0; i < 8; i++) {
            assertTrue(la.send(packet(i)));
        }
        await("the modem's queue full", () -> ra.queued() == 2);
        await("the host asking again and again", () -> ra.readyQueries() >= 5);
        assertEquals(2, ra.queued(), "the host sends no frame while the modem says it has no room");
        ra.holdQueue(false);
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(packet(i), b.next(), "packet " + i + " after the channel cleared");
        }
        assertEquals(0, ra.overflows());
    }

    @Test
    void framesSplitAcrossReadsArriveWhole() throws Exception {
        SocatPair ca = cable();
        SocatPair cb = cable();
        model(ca.b);
        model(cb.b).splitWrites(true);
        Map<String, Object> settings = Map.of("plan", "main/AU915.a", "tx_power_dbm", 14);
        Node a = new Node(ca.a, settings);
        Node b = new Node(cb.a, settings);
        RNodeLink la = a.current();
        b.current();
        for (int i = 0; i < 5; i++) {
            la.send(packet(i));
        }
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(packet(i), b.next());
        }
        assertEquals(0, b.modem.counters().getOrDefault("bad-frame", 0L) + b.modem.counters().getOrDefault("bad-crc", 0L));
    }

    @Test
    void errorsAreCountedARadioErrorOrARestartSetsTheModemUpAgain() throws Exception {
        SocatPair c = cable();
        RNodeModel rnode = model(c.b);
        Node node = new Node(c.a, Map.of("plan", "main/EU868.a"));
        RNodeLink first = node.current();
        rnode.reportError(0x05); // memory low: reported, the link goes on
        await("the error counted", () -> node.modem.counters().getOrDefault("modem-errors", 0L) == 1);
        assertEquals(0, node.downs.size());

        rnode.reportError(0x02); // a transmission failed: Reticulum's host starts over, so does this one
        await("the link withdrawn", () -> node.downs.contains(first));
        RNodeLink second = node.current();
        assertNotSame(first, second);

        rnode.reboot();
        await("the link withdrawn after the restart", () -> node.downs.contains(second));
        RNodeLink third = node.current();
        assertNotSame(second, third);
        assertEquals(1, node.modem.counters().get("modem-resets"));
        assertTrue(rnode.online(), "set up again after its restart");
        assertEquals(3, countSetups(rnode), "three set-ups");
        assertEquals(2, node.modem.counters().get("link-lost"));
    }

    private static long countSetups(RNodeModel rnode) {
        return rnode.commands().stream().filter(f -> f.length == 2 && f[0] == 0x06 && f[1] == 0x01).count();
    }

    @Test
    void unpluggedTheLinkIsWithdrawnPluggedBackTheModemIsSetUpAgain() throws Exception {
        SocatPair c = cable();
        RNodeModel rnode = model(c.b);
        Node node = new Node(c.a, Map.of("plan", "main/EU868.a"));
        RNodeLink first = node.current();
        c.stop();
        rnode.unplug();
        await("the link withdrawn", () -> node.downs.contains(first));
        c.start();
        rnode.attach(c.b);
        RNodeLink second = node.current();
        assertNotSame(first, second);
        assertTrue(rnode.online());
        assertEquals(1, node.modem.counters().get("link-lost"));
    }

    @Test
    void aDeviceThatIsNotAnRNodeGivesNoLinkAndSaysWhyUntilAnRNodeAnswers() throws Exception {
        SocatPair c = cable();
        // an ESP32 board with the tinySSB firmware: a text console on USB, deaf to KISS
        try (java.io.FileOutputStream console = new java.io.FileOutputStream(c.b.toFile())) {
            console.write("tinySSB virtual pub\r\n> ".getBytes());
            console.flush();
            Node node = new Node(c.a, Map.of("plan", "main/EU868.a", "detect_timeout_ms", 500L));
            await("the detection given up", () -> node.modem.status().startsWith("failed"));
            assertTrue(node.modem.status().contains("no RNode answered"), node.modem.status());
            assertTrue(node.modem.status().contains("esp32-bt"), "points to the feature for ESP32 boards");
            assertEquals(0, node.ups.size());
            model(c.b); // an RNode after all
            node.current();
            assertEquals(0, node.modem.counters().getOrDefault("link-lost", 0L), "never had a link to lose");
        }
    }

    @Test
    void settingsTheModemCannotTakeOrOldFirmwareAreRefusedWithTheReason() throws Exception {
        SocatPair c1 = cable();
        model(c1.b).maxTxPower(17);
        Node tooLoud = new Node(c1.a, Map.of("plan", "US915.a", "tx_power_dbm", 20));
        await("refused", () -> tooLoud.modem.status().startsWith("failed"));
        assertTrue(tooLoud.modem.status().contains("the RNode set 17 dBm where 20 dBm was asked"), tooLoud.modem.status());

        SocatPair c2 = cable();
        model(c2.b).refuseRadio(true);
        Node broken = new Node(c2.a, Map.of("plan", "main/EU868.a"));
        await("refused", () -> broken.modem.status().startsWith("failed"));
        assertTrue(broken.modem.status().contains("the radio did not start (INITRADIO)"), broken.modem.status());

        SocatPair c3 = cable();
        model(c3.b).firmware(1, 40);
        Node old = new Node(c3.a, Map.of("plan", "main/EU868.a"));
        await("refused", () -> old.modem.status().startsWith("failed"));
        assertTrue(old.modem.status().contains("RNode firmware 1.40 is older than 1.52"), old.modem.status());
        assertEquals(0, tooLoud.ups.size() + broken.ups.size() + old.ups.size());
    }
}
