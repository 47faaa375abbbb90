package org.tinyssb.radio.sx127x.internal;

import static org.tinyssb.radio.sx127x.internal.Registers.*;

import java.util.ArrayList;
import java.util.List;

/**
 * A register-level model of one SX1276 in LoRa mode, behind the driver's SPI and GPIO seams: the
 * registers with their reset values, the 256-byte FIFO and its address pointer, the mode machine
 * (LoRa mode switchable only in sleep; TX sends the FIFO from the TX base for PayloadLength bytes
 * and returns to standby; RX continuous stores what the {@link Air} brings; CAD listens a moment
 * and reports CadDone, with CadDetected when another chip on the same tuning is transmitting or
 * the air is set busy), IRQ flags cleared by writing ones, and DIO0 raised on TxDone, RxDone or
 * CadDone as RegDioMapping1 selects.
 */
final class Sx127xModel implements SpiBus, RadioPins {
    /** A register write as the chip saw it. */
    record Write(int register, int value) {
    }

    private final Air air;
    private final int[] registers = new int[128];
    private final byte[] fifo = new byte[256];
    private final List<Write> writes = new ArrayList<>();
    private final List<byte[]> transmitted = new ArrayList<>();
    private Runnable dio0;
    private boolean present = true;
    int resets;
    /** Channel activity detections run to their end. */
    int cadRuns;

    Sx127xModel(Air air) {
        this.air = air;
        air.join(this);
        powerOn();
    }

    /** A board without a chip: the SPI reads float to zeros. */
    Sx127xModel absent() {
        present = false;
        return this;
    }

    private void powerOn() {
        java.util.Arrays.fill(registers, 0);
        registers[OP_MODE] = 0x09; // FSK, standby
        registers[FIFO_TX_BASE_ADDR] = 0x80;
        registers[VERSION] = CHIP_VERSION;
        registers[SYNC_WORD] = 0x12;
        registers[PREAMBLE_LSB] = 0x08;
        registers[MODEM_CONFIG_1] = 0x72;
        registers[MODEM_CONFIG_2] = 0x70;
        registers[PA_CONFIG] = 0x4F;
        registers[OCP] = 0x2B;
        registers[PA_DAC] = PA_DAC_DEFAULT;
    }

    /** Effects that leave the chip (a frame on the air, DIO0): run after its lock is released. */
    private final List<Runnable> outside = new ArrayList<>();

    @Override
    public byte[] transfer(byte[] tx) {
        byte[] rx;
        List<Runnable> effects;
        synchronized (this) {
            rx = transferLocked(tx);
            effects = new ArrayList<>(outside);
            outside.clear();
        }
        effects.forEach(Runnable::run); // two chips sending at once must not lock each other
        return rx;
    }

    private byte[] transferLocked(byte[] tx) {
        byte[] rx = new byte[tx.length];
        if (!present) {
            return rx;
        }
        int address = tx[0] & 0x7F;
        boolean write = (tx[0] & 0x80) != 0;
        for (int i = 1; i < tx.length; i++) {
            if (write) {
                writeRegister(address, tx[i] & 0xFF);
            } else {
                rx[i] = (byte) readRegister(address);
            }
            if (address != FIFO) {
                address++;
            }
        }
        return rx;
    }

    synchronized List<Write> writes() {
        return new ArrayList<>(writes);
    }

    synchronized List<byte[]> transmitted() {
        return new ArrayList<>(transmitted);
    }

    synchronized int register(int address) {
        return registers[address];
    }

    private int readRegister(int address) {
        if (address == FIFO) {
            int ptr = registers[FIFO_ADDR_PTR];
            registers[FIFO_ADDR_PTR] = (ptr + 1) & 0xFF;
            return fifo[ptr] & 0xFF;
        }
        return registers[address];
    }

    private void writeRegister(int address, int value) {
        writes.add(new Write(address, value));
        switch (address) {
            case FIFO -> {
                int ptr = registers[FIFO_ADDR_PTR];
                fifo[ptr] = (byte) value;
                registers[FIFO_ADDR_PTR] = (ptr + 1) & 0xFF;
            }
            case IRQ_FLAGS -> registers[IRQ_FLAGS] &= ~value;
            case VERSION, RX_NB_BYTES, FIFO_RX_CURRENT_ADDR, PKT_RSSI_VALUE, PKT_SNR_VALUE -> {
                // read-only
            }
            case OP_MODE -> setOpMode(value);
            default -> registers[address] = value;
        }
    }

    private void setOpMode(int value) {
        int old = registers[OP_MODE];
        if ((old & MODE_MASK) != MODE_SLEEP) {
            value = (value & ~LONG_RANGE_MODE) | (old & LONG_RANGE_MODE); // LoRa bit only changes in sleep
        }
        registers[OP_MODE] = value;
        if ((value & LONG_RANGE_MODE) != 0 && (value & MODE_MASK) == MODE_TX) {
            int length = registers[PAYLOAD_LENGTH];
            byte[] frame = new byte[length];
            for (int i = 0; i < length; i++) {
                frame[i] = fifo[(registers[FIFO_TX_BASE_ADDR] + i) & 0xFF];
            }
            transmitted.add(frame);
            String tuning = tuning();
            long airtime = Math.round(airtimeMillis(length));
            boolean withCrc = (registers[MODEM_CONFIG_2] & 0x04) != 0; // explicit header: tells receivers
            // the frame is on the air for its time on air (others' CAD detects it from now on);
            // then the others hear it and TxDone rises
            air.carrierOn(tuning);
            outside.add(() -> air.transmit(this, tuning, frame, withCrc, airtime));
        } else if ((value & LONG_RANGE_MODE) != 0 && (value & MODE_MASK) == MODE_CAD) {
            String tuning = tuning();
            outside.add(() -> air.detect(this, tuning));
        }
    }

    /** End of channel activity detection: back to standby, CadDone (and CadDetected), DIO0 if mapped to it. */
    void activityDetectionEnded(boolean detected) {
        boolean raise;
        synchronized (this) {
            if ((registers[OP_MODE] & MODE_MASK) != MODE_CAD) {
                return; // the driver left CAD meanwhile
            }
            cadRuns++;
            registers[OP_MODE] = (registers[OP_MODE] & ~MODE_MASK) | MODE_STANDBY;
            registers[IRQ_FLAGS] |= IRQ_CAD_DONE | (detected ? IRQ_CAD_DETECTED : 0);
            raise = (registers[DIO_MAPPING_1] & 0xC0) == DIO0_CAD_DONE;
        }
        if (raise) {
            raiseDio0();
        }
    }

    /** End of a transmission: back to standby, TxDone, DIO0 if mapped to it. */
    void transmissionEnded() {
        boolean raise;
        synchronized (this) {
            registers[OP_MODE] = (registers[OP_MODE] & ~MODE_MASK) | MODE_STANDBY;
            registers[IRQ_FLAGS] |= IRQ_TX_DONE;
            raise = (registers[DIO_MAPPING_1] & 0xC0) == DIO0_TX_DONE;
        }
        if (raise) {
            raiseDio0();
        }
    }

    /** Time on air of a frame under the current register settings (Semtech's formula). */
    private double airtimeMillis(int length) {
        int bw = org.tinyssb.api.radio.LoRaSettings.bandwidthOfCode(registers[MODEM_CONFIG_1] >> 4);
        int cr = 4 + ((registers[MODEM_CONFIG_1] >> 1) & 0x7);
        int sf = registers[MODEM_CONFIG_2] >> 4;
        int preamble = registers[PREAMBLE_MSB] << 8 | registers[PREAMBLE_LSB];
        boolean crc = (registers[MODEM_CONFIG_2] & 0x04) != 0;
        return new org.tinyssb.api.radio.LoRaSettings(868_000_000L, bw, sf, cr, preamble, 0, 2, crc)
                .airtimeMillis(length);
    }

    /** Tuning as the registers say: frequency, bandwidth and spreading factor, sync word. */
    synchronized String tuning() {
        return registers[FRF_MSB] + "/" + registers[FRF_MID] + "/" + registers[FRF_LSB] + " mc1 "
                + (registers[MODEM_CONFIG_1] >> 4) + " sf " + (registers[MODEM_CONFIG_2] >> 4) + " sync "
                + registers[SYNC_WORD];
    }

    /** The frequency Frf is tuned to (Hz). */
    synchronized long frequencyHz() {
        long frf = (long) registers[FRF_MSB] << 16 | registers[FRF_MID] << 8 | registers[FRF_LSB];
        return Math.round(frf * (double) FXOSC / (1L << 19));
    }

    /** Transmit power at the PA_BOOST pin as RegPaConfig and RegPaDac set it (dBm). */
    synchronized int outputPowerDbm() {
        int outputPower = registers[PA_CONFIG] & 0x0F;
        return registers[PA_DAC] == PA_DAC_HIGH_POWER ? 5 + outputPower : 2 + outputPower;
    }

    /** A frame on the air reaches this chip: stored and signalled if it listens, on the same tuning. */
    void hear(byte[] frame, String tuning, int rssi, double snr, boolean crcError) {
        boolean raise;
        synchronized (this) {
            raise = store(frame, tuning, rssi, snr, crcError);
        }
        if (raise) {
            raiseDio0();
        }
    }

    private boolean store(byte[] frame, String tuning, int rssi, double snr, boolean crcError) {
        boolean listening = (registers[OP_MODE] & LONG_RANGE_MODE) != 0
                && (registers[OP_MODE] & MODE_MASK) == MODE_RX_CONTINUOUS;
        if (!present || !listening || !tuning.equals(tuning())) {
            return false;
        }
        int base = registers[FIFO_RX_BASE_ADDR];
        for (int i = 0; i < frame.length; i++) {
            fifo[(base + i) & 0xFF] = frame[i];
        }
        registers[FIFO_RX_CURRENT_ADDR] = base;
        registers[RX_NB_BYTES] = frame.length;
        int offset = frequencyHz() < 525_000_000L ? -164 : -157;
        registers[PKT_RSSI_VALUE] = rssi - offset - (snr < 0 ? (int) Math.floor(snr) : 0);
        registers[PKT_SNR_VALUE] = ((int) Math.round(snr * 4)) & 0xFF;
        registers[IRQ_FLAGS] |= IRQ_RX_DONE | IRQ_VALID_HEADER | (crcError ? IRQ_PAYLOAD_CRC_ERROR : 0);
        return (registers[DIO_MAPPING_1] & 0xC0) == DIO0_RX_DONE;
    }

    private void raiseDio0() {
        Runnable h = dio0;
        if (h != null) {
            h.run(); // as Pi4J calls a listener; the driver only queues work for its radio thread
        }
    }

    @Override
    public synchronized void resetChip() {
        resets++;
        powerOn();
    }

    @Override
    public synchronized void onDio0(Runnable handler) {
        dio0 = handler;
    }

    @Override
    public void close() {
        air.leave(this);
    }

    /** Every chip on one channel; what one sends, the others hear (a test decides how). */
    static final class Air {
        private final List<Sx127xModel> chips = new ArrayList<>();
        /**
         * Set by a test: the next frame arrives with its payload changed, or changed so that the
         * radio's CRC fails (noticed only when the sender's header says the frame carries one).
         */
        volatile boolean corruptNext;
        volatile boolean radioCrcErrorNext;
        /** Set by a test: a transmitter this model does not run occupies the channel. */
        volatile boolean foreignCarrier;
        /** Transmissions on the air now, by tuning. */
        private final List<String> onAir = new ArrayList<>();
        /** What receivers measure. */
        volatile int rssiDbm = -42;
        volatile double snrDb = 9.5;

        synchronized void join(Sx127xModel chip) {
            chips.add(chip);
        }

        synchronized void leave(Sx127xModel chip) {
            chips.remove(chip);
        }

        private final java.util.concurrent.ScheduledExecutorService ether =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "sx127x-model-air");
                    t.setDaemon(true);
                    return t;
                });

        synchronized void carrierOn(String tuning) {
            onAir.add(tuning);
        }

        void transmit(Sx127xModel from, String tuning, byte[] frame, boolean withCrc, long airtimeMillis) {
            ether.schedule(() -> {
                synchronized (this) {
                    onAir.remove(tuning);
                }
                deliver(from, tuning, frame, withCrc);
                from.transmissionEnded();
            }, airtimeMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        /** CAD by {@code from}: after a few symbols' time, whether LoRa activity was on its tuning. */
        void detect(Sx127xModel from, String tuning) {
            ether.schedule(() -> {
                boolean busy;
                synchronized (this) {
                    busy = foreignCarrier || onAir.contains(tuning);
                }
                from.activityDetectionEnded(busy);
            }, 2, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        private void deliver(Sx127xModel from, String tuning, byte[] frame, boolean withCrc) {
            List<Sx127xModel> others;
            synchronized (this) {
                others = new ArrayList<>(chips);
            }
            others.remove(from);
            byte[] copy = frame.clone();
            boolean damaged = radioCrcErrorNext;
            radioCrcErrorNext = false;
            if (corruptNext || damaged) {
                corruptNext = false;
                copy[copy.length / 2] ^= 0x10;
            }
            for (Sx127xModel c : others) {
                c.hear(copy, tuning, rssiDbm, snrDb, damaged && withCrc);
            }
        }
    }
}
