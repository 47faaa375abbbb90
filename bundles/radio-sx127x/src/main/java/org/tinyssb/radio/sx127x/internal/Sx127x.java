package org.tinyssb.radio.sx127x.internal;

import static org.tinyssb.radio.sx127x.internal.Registers.*;

import java.util.Arrays;
import org.tinyssb.api.radio.LoRaSettings;

/**
 * The chip, register by register: configuration, modes, FIFO. No threads and no timing here;
 * {@link Sx127xLink} decides when to call what. SPI access: the first byte is the register
 * address, with bit 7 set for a write; following bytes go to (or come from) consecutive registers,
 * or the FIFO when the address is 0.
 */
final class Sx127x {
    /** A frame the radio received with a valid LoRa CRC. */
    record Received(byte[] payload, int rssiDbm, double snrDb) {
    }

    private final SpiBus spi;

    Sx127x(SpiBus spi) {
        this.spi = spi;
    }

    int read(int register) {
        return spi.transfer(new byte[] {(byte) (register & 0x7F), 0})[1] & 0xFF;
    }

    void write(int register, int value) {
        spi.transfer(new byte[] {(byte) (register | 0x80), (byte) value});
    }

    private void writeFifo(byte[] data) {
        byte[] tx = new byte[data.length + 1];
        tx[0] = (byte) (FIFO | 0x80);
        System.arraycopy(data, 0, tx, 1, data.length);
        spi.transfer(tx);
    }

    private byte[] readFifo(int length) {
        byte[] rx = spi.transfer(new byte[length + 1]); // address 0 = FIFO, read
        return Arrays.copyOfRange(rx, 1, length + 1);
    }

    /** Checks the chip is there and an SX127x; tunes it to {@code s}; leaves it in standby. */
    void configure(LoRaSettings s) throws RadioException {
        if (s.txPowerDbm() < MIN_POWER_DBM || s.txPowerDbm() > MAX_POWER_DBM) {
            throw new RadioException("an SX127x sends at " + MIN_POWER_DBM + " to " + MAX_POWER_DBM
                    + " dBm on PA_BOOST, not " + s.txPowerDbm());
        }
        int version = read(VERSION);
        if (version != CHIP_VERSION) {
            throw new RadioException(String.format("no SX127x on the bus: RegVersion reads 0x%02X, expected 0x%02X "
                    + "(wiring, chip select, or the radio's power?)", version, CHIP_VERSION));
        }
        write(OP_MODE, MODE_SLEEP); // LoRa mode can only be switched on in sleep
        write(OP_MODE, LONG_RANGE_MODE | MODE_SLEEP);
        int[] frf = frf(s.frequencyHz());
        write(FRF_MSB, frf[0]);
        write(FRF_MID, frf[1]);
        write(FRF_LSB, frf[2]);
        write(PA_CONFIG, paConfig(s));
        write(PA_DAC, highPower(s) ? PA_DAC_HIGH_POWER : PA_DAC_DEFAULT);
        write(OCP, ocp(s));
        write(LNA, 0x23); // maximum gain, LNA boost for the HF port
        write(FIFO_TX_BASE_ADDR, 0);
        write(FIFO_RX_BASE_ADDR, 0);
        write(MODEM_CONFIG_1, modemConfig1(s));
        write(MODEM_CONFIG_2, modemConfig2(s));
        write(MODEM_CONFIG_3, modemConfig3(s));
        write(PREAMBLE_MSB, s.preambleSymbols() >> 8);
        write(PREAMBLE_LSB, s.preambleSymbols() & 0xFF);
        write(SYNC_WORD, s.syncWord());
        write(IRQ_FLAGS_MASK, 0x00);
        write(OP_MODE, LONG_RANGE_MODE | MODE_STANDBY);
    }

    /** Frf register bytes (MSB first) for {@code hz}: Frf = f * 2^19 / 32 MHz, rounded. */
    static int[] frf(long hz) {
        long frf = Math.round(hz * (double) (1L << 19) / FXOSC);
        return new int[] {(int) (frf >> 16) & 0xFF, (int) (frf >> 8) & 0xFF, (int) frf & 0xFF};
    }

    /** RegModemConfig1: bandwidth code (7..4), coding rate 4/5..4/8 as 1..4 (3..1), explicit header (0). */
    static int modemConfig1(LoRaSettings s) {
        return LoRaSettings.bandwidthCode(s.bandwidthHz()) << 4 | (s.codingRate() - 4) << 1;
    }

    /** RegModemConfig2: spreading factor (7..4), RxPayloadCrcOn (2). */
    static int modemConfig2(LoRaSettings s) {
        return s.spreadingFactor() << 4 | (s.crc() ? 0x04 : 0);
    }

    /** RegModemConfig3: LowDataRateOptimize (3) when symbols exceed 16 ms, AgcAutoOn (2). */
    static int modemConfig3(LoRaSettings s) {
        return (s.lowDataRateOptimize() ? 0x08 : 0) | 0x04;
    }

    /** Lowest and highest power on PA_BOOST; above 17 dBm only with the +20 dBm setting of RegPaDac. */
    static final int MIN_POWER_DBM = 2;
    static final int MAX_POWER_DBM = 20;

    private static boolean highPower(LoRaSettings s) {
        return s.txPowerDbm() > 17;
    }

    /**
     * RegPaConfig: the PA_BOOST pin (the RFM95 and its kin have only it), Pout = 2 + OutputPower,
     * or 5 + OutputPower with the +20 dBm setting (18..20 dBm).
     */
    static int paConfig(LoRaSettings s) {
        int dbm = s.txPowerDbm();
        if (dbm < MIN_POWER_DBM || dbm > MAX_POWER_DBM) {
            throw new IllegalArgumentException("an SX127x sends at " + MIN_POWER_DBM + " to " + MAX_POWER_DBM
                    + " dBm on PA_BOOST, not " + dbm);
        }
        return 0x80 | (highPower(s) ? dbm - 5 : dbm - 2);
    }

    /** RegOcp: over-current protection on, 100 mA, or 140 mA for the +20 dBm setting (§5.4.4). */
    static int ocp(LoRaSettings s) {
        int milliamps = highPower(s) ? 140 : 100;
        int trim = milliamps <= 120 ? (milliamps - 45) / 5 : (milliamps + 30) / 10;
        return 0x20 | trim;
    }

    /** Listens continuously; DIO0 rises on RxDone. */
    void receive() {
        write(OP_MODE, LONG_RANGE_MODE | MODE_STANDBY);
        write(DIO_MAPPING_1, DIO0_RX_DONE);
        write(FIFO_ADDR_PTR, 0);
        write(OP_MODE, LONG_RANGE_MODE | MODE_RX_CONTINUOUS);
    }

    /** Sends {@code frame}; DIO0 rises on TxDone, after which the chip is in standby. */
    void transmit(byte[] frame) {
        write(OP_MODE, LONG_RANGE_MODE | MODE_STANDBY);
        write(DIO_MAPPING_1, DIO0_TX_DONE);
        write(FIFO_ADDR_PTR, 0);
        writeFifo(frame);
        write(PAYLOAD_LENGTH, frame.length);
        write(OP_MODE, LONG_RANGE_MODE | MODE_TX);
    }

    /** Listens for LoRa activity on the channel; DIO0 rises on CadDone, CadDetected says whether any was heard. */
    void detectActivity() {
        write(OP_MODE, LONG_RANGE_MODE | MODE_STANDBY);
        write(DIO_MAPPING_1, DIO0_CAD_DONE);
        write(OP_MODE, LONG_RANGE_MODE | MODE_CAD);
    }

    int irqFlags() {
        return read(IRQ_FLAGS);
    }

    void clearIrqFlags(int flags) {
        write(IRQ_FLAGS, flags); // write 1 to clear
    }

    /**
     * The frame in the FIFO after RxDone, with its signal figures: RSSI = offset + PacketRssi, the
     * offset -157 on the HF port and -164 on the LF port (below 525 MHz), plus the SNR when it is
     * negative (the packet lies below the noise; datasheet §5.5.5).
     */
    Received readReceived(long frequencyHz) {
        int length = read(RX_NB_BYTES);
        write(FIFO_ADDR_PTR, read(FIFO_RX_CURRENT_ADDR));
        byte[] payload = readFifo(length);
        double snr = ((byte) read(PKT_SNR_VALUE)) / 4.0;
        int offset = frequencyHz < LF_PORT_BELOW_HZ ? -164 : -157;
        int rssi = offset + read(PKT_RSSI_VALUE) + (snr < 0 ? (int) Math.floor(snr) : 0);
        return new Received(payload, rssi, snr);
    }

    /** The SX1276's low-frequency port serves bands below this (433 MHz boards). */
    static final long LF_PORT_BELOW_HZ = 525_000_000L;

    void sleep() {
        write(OP_MODE, LONG_RANGE_MODE | MODE_SLEEP);
    }
}
