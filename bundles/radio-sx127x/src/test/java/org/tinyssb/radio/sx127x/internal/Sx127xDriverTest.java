package org.tinyssb.radio.sx127x.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tinyssb.radio.sx127x.internal.Registers.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tinyssb.api.radio.LoRaSettings;
import org.tinyssb.api.radio.RadioPlans;
import org.tinyssb.codec.Crc32Frame;

/** The real driver against the register-level model: configuration, exchange, bad frames, budget. */
class Sx127xDriverTest {
    private static final long WAIT_MILLIS = 10_000;
    private final Sx127xModel.Air air = new Sx127xModel.Air();
    private final List<Sx127xLink> links = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000_000);

    private Sx127xLink radio(Sx127xModel chip, LoRaSettings settings, Sx127xLink.Options options) throws Exception {
        Sx127xLink link = new Sx127xLink("lora:test", new Sx127x(chip), chip, settings, options, clock::get,
                new Random(1));
        link.start();
        links.add(link);
        return link;
    }

    private static Sx127xLink.Options unlimited() {
        return new Sx127xLink.Options(1.0, 3_600_000, 0, 64);
    }

    @AfterEach
    void close() {
        links.forEach(Sx127xLink::close);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT_MILLIS + " ms: " + what);
            }
            Thread.sleep(5); // polling what the radio thread changes, bounded by the deadline
        }
    }

    private static LoRaSettings plan(String name) {
        return RadioPlans.parse(name).settings(14, false);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // plan,             Frf MSB/MID/LSB, ModemConfig1, ModemConfig2 (SF, radio CRC off as the mesh)
        "main/EU868.a,       0xD9, 0x13, 0x33, 0x82, 0x70",
        "main/EU868.b,       0xD9, 0x13, 0x33, 0x72, 0x70",
        "main/US915.a,       0xE2, 0x26, 0x66, 0x92, 0x80",
        "main/US915.b,       0xE2, 0x26, 0x66, 0x72, 0x70",
        "main/AU915.a,       0xE5, 0x60, 0x00, 0x92, 0x80",
        "main/AU915.b,       0xE5, 0x60, 0x00, 0x72, 0x70",
        "tinySSBlib/EU868.a, 0xD9, 0x13, 0x33, 0x72, 0x70",
        "tinySSBlib/EU868.b, 0xD9, 0x13, 0x33, 0x82, 0x70",
        "tinySSBlib/EU868.c, 0xD9, 0x13, 0x33, 0x92, 0x70",
        "tinySSBlib/AU915.b, 0xE5, 0x60, 0x00, 0x82, 0x70",
        "tinySSBlib/EU433.a, 0x6C, 0x53, 0x33, 0x72, 0x70",
        "node/EU868.g3,      0xD9, 0x61, 0x9A, 0x72, 0x70"})
    void eachPlanIsWrittenToTheRegistersTheDatasheetPrescribes(String plan, String msb, String mid, String lsb,
            String mc1, String mc2) throws Exception {
        Sx127xModel chip = new Sx127xModel(air);
        radio(chip, RadioPlans.parse(plan).settings(10, false), unlimited());
        assertEquals(1, chip.resets, "the chip is reset first");
        assertEquals(Integer.decode(msb), chip.register(FRF_MSB));
        assertEquals(Integer.decode(mid), chip.register(FRF_MID));
        assertEquals(Integer.decode(lsb), chip.register(FRF_LSB));
        assertEquals(Integer.decode(mc1), chip.register(MODEM_CONFIG_1), "bandwidth, coding rate 4/5, explicit header");
        assertEquals(Integer.decode(mc2), chip.register(MODEM_CONFIG_2), "spreading factor, radio CRC off");
        assertEquals(0x04, chip.register(MODEM_CONFIG_3), "AGC on, no low data rate optimisation");
        assertEquals(0x58, chip.register(SYNC_WORD));
        assertEquals(0x88, chip.register(PA_CONFIG), "PA_BOOST, 10 dBm");
        assertEquals(PA_DAC_DEFAULT, chip.register(PA_DAC));
        assertEquals(0, chip.register(PREAMBLE_MSB));
        assertEquals(8, chip.register(PREAMBLE_LSB));
        assertEquals(LONG_RANGE_MODE | MODE_RX_CONTINUOUS, chip.register(OP_MODE), "listening in LoRa mode");
        assertEquals(DIO0_RX_DONE, chip.register(DIO_MAPPING_1));
        List<Sx127xModel.Write> w = chip.writes();
        assertEquals(new Sx127xModel.Write(OP_MODE, MODE_SLEEP), w.get(0), "sleep before switching to LoRa");
        assertEquals(new Sx127xModel.Write(OP_MODE, LONG_RANGE_MODE | MODE_SLEEP), w.get(1));
    }

    @Test
    void explicitFrequencyBandwidthAndSpreadingFactorReachTheRegisters() throws Exception {
        Sx127xModel chip = new Sx127xModel(air);
        LoRaSettings s = RadioPlans.choose("main/EU868.b", 869_525_000L, 250_000, 9, 20, true, -1).settings();
        radio(chip, s, unlimited());
        assertEquals(869_525_000L, chip.frequencyHz(), 61, "within one Frf step (61 Hz)");
        assertEquals(0x82, chip.register(MODEM_CONFIG_1), "250 kHz");
        assertEquals(0x94, chip.register(MODEM_CONFIG_2), "SF9, radio CRC on as asked");
    }

    @ParameterizedTest(name = "{0} dBm")
    @CsvSource({"2, 0x80, 0x84, 0x2B", "10, 0x88, 0x84, 0x2B", "14, 0x8C, 0x84, 0x2B", "17, 0x8F, 0x84, 0x2B",
        "18, 0x8D, 0x87, 0x31", "20, 0x8F, 0x87, 0x31"})
    void transmitPowerUpTo20DbmUsesPaBoostAndAbove17ThePaDacWithMoreCurrent(int dbm, String paConfig, String paDac,
            String ocp) throws Exception {
        Sx127xModel chip = new Sx127xModel(air);
        radio(chip, RadioPlans.parse("main/AU915.a").settings(dbm, false), unlimited());
        assertEquals(Integer.decode(paConfig), chip.register(PA_CONFIG));
        assertEquals(Integer.decode(paDac), chip.register(PA_DAC));
        assertEquals(Integer.decode(ocp), chip.register(OCP), "over-current protection: 100 mA, 140 mA at +20 dBm");
        assertEquals(dbm, chip.outputPowerDbm(), "the power the chip puts out");
    }

    @Test
    void aPowerTheChipCannotSendIsRefusedBeforeTouchingIt() {
        Sx127xModel chip = new Sx127xModel(air);
        LoRaSettings tooLoud = RadioPlans.parse("main/AU915.a").settings(21, false);
        RadioException e = assertThrows(RadioException.class, () -> radio(chip, tooLoud, unlimited()));
        assertTrue(e.getMessage().contains("2 to 20 dBm"), e.getMessage());
    }

    @Test
    void signalFiguresOfTheLowFrequencyPortAndBelowTheNoise() throws Exception {
        Sx127xModel chipA = new Sx127xModel(air);
        Sx127xModel chipB = new Sx127xModel(air);
        LoRaSettings s433 = RadioPlans.parse("EU433.a").settings(10, false);
        Sx127xLink a = radio(chipA, s433, unlimited());
        Sx127xLink b = radio(chipB, s433, unlimited());
        air.rssiDbm = -121;
        air.snrDb = -7.5;
        a.send(packet(1));
        await("the frame at B", () -> b.counters().getOrDefault("in", 0L) == 1);
        assertEquals(-121, b.counters().get("rssi-dbm"), "offset -164 below 525 MHz, SNR added when negative");
        assertEquals(-7, b.counters().get("snr-db"), "-7.5 dB, rounded");
    }

    @Test
    void twoRadiosExchangePacketsWithTheirCrc32AndSignalFigures() throws Exception {
        Sx127xModel chipA = new Sx127xModel(air);
        Sx127xModel chipB = new Sx127xModel(air);
        LoRaSettings eu = plan("main/EU868.a");
        Sx127xLink a = radio(chipA, eu, unlimited());
        Sx127xLink b = radio(chipB, eu, unlimited());
        BlockingQueue<byte[]> atA = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> atB = new LinkedBlockingQueue<>();
        a.attach((from, p) -> atA.add(p));
        b.attach((from, p) -> atB.add(p));
        // half duplex: a radio that is sending hears nothing, so one side speaks at a time
        for (int i = 0; i < 10; i++) {
            assertTrue(a.send(packet(i)));
        }
        for (int i = 0; i < 10; i++) {
            byte[] p = atB.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            assertNotNull(p, "packet " + i + " at B; counters " + b.counters());
            assertArrayEquals(packet(i), p);
        }
        for (int i = 0; i < 10; i++) {
            assertTrue(b.send(packet(50 + i)));
        }
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(packet(50 + i), atA.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS), "packet " + i + " at A");
        }
        assertArrayEquals(Crc32Frame.frame(packet(0)), chipA.transmitted().get(0), "on the air: packet || CRC32");
        await("A's counters", () -> a.counters().getOrDefault("out", 0L) == 10);
        assertEquals(10, b.counters().get("in"));
        assertEquals(-42, b.counters().get("rssi-dbm"));
        assertEquals(10, b.counters().get("snr-db"));
        long airtime = Math.round(eu.airtimeMillis(124));
        assertEquals(10 * airtime, a.counters().get("airtime-ms"));
        assertEquals(0.01 * 1000 / eu.airtimeMillis(124), new Sx127xLink("x", null, chipA, eu,
                new Sx127xLink.Options(0.01, 3_600_000, 0, 1), clock::get, new Random()).profile().packetsPerSecond(), 1e-9);
    }

    @Test
    void framesWithABadCrcOrARadioCrcErrorAreCountedAndTheRadioListensOn() throws Exception {
        Sx127xModel chipA = new Sx127xModel(air);
        Sx127xModel chipB = new Sx127xModel(air);
        LoRaSettings eu = RadioPlans.parse("main/EU868.b").settings(10, true);
        Sx127xLink a = radio(chipA, eu, unlimited());
        Sx127xLink b = radio(chipB, eu, unlimited());
        BlockingQueue<byte[]> atB = new LinkedBlockingQueue<>();
        b.attach((from, p) -> atB.add(p));
        air.corruptNext = true;
        a.send(packet(1));
        await("the corrupt frame counted", () -> b.counters().getOrDefault("bad-crc", 0L) == 1);
        air.radioCrcErrorNext = true;
        a.send(packet(2));
        await("the radio's CRC error counted", () -> b.counters().getOrDefault("radio-crc", 0L) == 1);
        a.send(packet(3));
        assertArrayEquals(packet(3), atB.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        assertEquals(1, b.counters().get("in"));
        assertEquals(LONG_RANGE_MODE | MODE_RX_CONTINUOUS, chipB.register(OP_MODE));
    }

    @Test
    void withTheRadiosCrcOffAsInTheMeshADamagedFrameIsCaughtByItsCrc32() throws Exception {
        Sx127xModel chipA = new Sx127xModel(air);
        Sx127xModel chipB = new Sx127xModel(air);
        Sx127xLink a = radio(chipA, plan("main/EU868.a"), unlimited());
        Sx127xLink b = radio(chipB, plan("main/EU868.a"), unlimited());
        air.radioCrcErrorNext = true;
        a.send(packet(1));
        await("the damaged frame counted", () -> b.counters().getOrDefault("bad-crc", 0L) == 1);
        assertEquals(0, b.counters().getOrDefault("radio-crc", 0L), "no radio CRC on the frame to fail");
        assertEquals(0, b.counters().getOrDefault("in", 0L));
    }

    @Test
    void aBoardWithoutAChipIsRefusedWithAClearMessage() {
        Sx127xModel none = new Sx127xModel(air).absent();
        RadioException e = assertThrows(RadioException.class, () -> radio(none, plan("main/EU868.a"),
                unlimited()));
        assertTrue(e.getMessage().contains("RegVersion reads 0x00"), e.getMessage());
    }

    @Test
    void theDutyCycleBudgetHoldsFramesBackUntilTheWindowHasRoom() throws Exception {
        Sx127xModel chip = new Sx127xModel(air);
        LoRaSettings eu = plan("main/EU868.b"); // 205 ms per full frame
        // 1 % of 100 s = 1 s: four frames fit, the fifth must wait until the first leaves the window
        Sx127xLink link = radio(chip, eu, new Sx127xLink.Options(0.01, 100_000, 0, 64));
        for (int i = 0; i < 10; i++) {
            link.send(packet(i));
        }
        await("four frames sent", () -> link.counters().getOrDefault("out", 0L) == 4);
        link.pumpNow();
        link.pumpNow();
        assertEquals(4, chip.transmitted().size(), "the budget is spent; the clock has not moved");
        assertTrue(link.budgetUsedMillis() <= 1000.0);
        clock.addAndGet(100_000);
        link.pumpNow();
        await("four more after the window moved on", () -> chip.transmitted().size() == 8);
        assertTrue(link.counters().get("duty-waits") >= 1);
    }

    @Test
    void framesWaitARandomPauseBeforeGoingOnTheAir() throws Exception {
        Sx127xModel chip = new Sx127xModel(air);
        Sx127xLink link = radio(chip, plan("main/EU868.a"), new Sx127xLink.Options(1.0, 3_600_000, 500, 64));
        Random expected = new Random(1); // the link's own random, seeded alike
        int first = expected.nextInt(501);
        int second = expected.nextInt(501);
        link.send(packet(1));
        link.send(packet(2));
        link.pumpNow();
        assertEquals(0, chip.transmitted().size(), "the clock stands still: the first frame waits its pause");
        clock.addAndGet(first);
        link.pumpNow();
        await("the first frame sent", () -> link.counters().getOrDefault("out", 0L) == 1);
        link.pumpNow();
        assertEquals(1, chip.transmitted().size(), "the second frame waits for its own pause");
        clock.addAndGet(second);
        link.pumpNow();
        await("the second frame after its pause", () -> chip.transmitted().size() == 2);
    }

    private static Sx127xLink.Options listening() {
        return new Sx127xLink.Options(1.0, 3_600_000, 0, 64, true);
    }

    @Test
    void listenBeforeTalkHoldsAFrameWhileTheChannelIsBusy() throws Exception {
        Sx127xModel chip = new Sx127xModel(air);
        Sx127xLink link = radio(chip, plan("main/EU868.a"), listening());
        air.foreignCarrier = true;
        link.send(packet(1));
        await("the radio found the channel busy twice", () -> link.counters().getOrDefault("channel-busy", 0L) >= 2);
        assertEquals(0, chip.transmitted().size(), "nothing sent while another transmission is heard");
        long listening = chip.writes().stream().filter(w -> w.register() == Registers.OP_MODE
                && w.value() == (Registers.LONG_RANGE_MODE | Registers.MODE_RX_CONTINUOUS)).count();
        assertTrue(listening >= 3, "back to receiving after each busy check (and once at the start): " + listening);
        air.foreignCarrier = false;
        await("the frame once the channel is free", () -> chip.transmitted().size() == 1);
        List<Sx127xModel.Write> modes = chip.writes().stream().filter(w -> w.register() == Registers.OP_MODE).toList();
        int tx = modes.size() - 1;
        while (modes.get(tx).value() != (Registers.LONG_RANGE_MODE | Registers.MODE_TX)) {
            tx--;
        }
        assertEquals(Registers.LONG_RANGE_MODE | Registers.MODE_CAD, modes.get(tx - 2).value(),
                "channel activity detection right before the transmission (then standby, then TX)");
        assertEquals(Registers.DIO0_CAD_DONE, chip.writes().stream()
                .filter(w -> w.register() == Registers.DIO_MAPPING_1 && w.value() == Registers.DIO0_CAD_DONE)
                .findFirst().orElseThrow().value(), "DIO0 mapped to CadDone for it");
        await("counted as sent", () -> link.counters().getOrDefault("out", 0L) == 1);
    }

    @Test
    void aChannelThatIsNeverFreeDelaysAFrameButDoesNotStallTheRadio() throws Exception {
        Sx127xModel chip = new Sx127xModel(air);
        Sx127xLink link = radio(chip, plan("main/EU868.a"), listening());
        air.foreignCarrier = true;
        link.send(packet(1));
        link.send(packet(2));
        await("both frames sent after their busy checks", () -> chip.transmitted().size() == 2);
        assertEquals(2 * Sx127xLink.MAX_BUSY_CHECKS, link.counters().get("channel-busy"));
    }

    @Test
    void twoRadiosListeningBeforeTalkDoNotSpeakAtOnce() throws Exception {
        LoRaSettings slow = new LoRaSettings(868_100_000L, 125_000, 11, 5, 8, 0x12, 14, false); // ~1.5 s a frame
        Sx127xModel chipA = new Sx127xModel(air);
        Sx127xModel chipB = new Sx127xModel(air);
        Sx127xLink a = radio(chipA, slow, listening());
        Sx127xLink b = radio(chipB, slow, listening());
        BlockingQueue<byte[]> atA = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> atB = new LinkedBlockingQueue<>();
        a.attach((from, p) -> atA.add(p));
        b.attach((from, p) -> atB.add(p));
        a.send(packet(1));
        await("A on the air", () -> chipA.transmitted().size() == 1);
        b.send(packet(2)); // while A's frame is still on the air (it lasts ~1.5 s)
        assertArrayEquals(packet(1), atB.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS), "B heard A: it was listening");
        assertArrayEquals(packet(2), atA.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS), "A hears B's frame after its own");
        assertTrue(b.counters().getOrDefault("channel-busy", 0L) >= 1, "B waited for A: " + b.counters());
    }

    private static byte[] packet(int seed) {
        byte[] p = new byte[120];
        new Random(seed).nextBytes(p);
        return p;
    }
}
