package org.tinyssb.api.radio;

/**
 * What a LoRa radio is tuned to. Two radios hear each other only with the same frequency,
 * bandwidth, spreading factor and sync word.
 *
 * @param frequencyHz      carrier frequency
 * @param bandwidthHz      7800 .. 500000 (the SX127x steps)
 * @param spreadingFactor  6 .. 12
 * @param codingRate       denominator of the coding rate 4/5 .. 4/8: 5 .. 8
 * @param preambleSymbols  programmed preamble length (the radio adds 4.25 symbols)
 * @param syncWord         one byte; 0x58 in the tinySSB mesh
 * @param txPowerDbm       transmit power, -9 .. 22 dBm (what a driver's chip can do it checks itself)
 * @param crc              whether the radio appends and checks its own payload CRC
 */
public record LoRaSettings(long frequencyHz, int bandwidthHz, int spreadingFactor, int codingRate,
        int preambleSymbols, int syncWord, int txPowerDbm, boolean crc) {

    /** The bandwidths the SX127x offers, in the order of its register codes 0..9. */
    static final int[] BANDWIDTHS = {7_800, 10_400, 15_600, 20_800, 31_250, 41_700, 62_500, 125_000, 250_000, 500_000};

    public LoRaSettings {
        if (frequencyHz < 137_000_000L || frequencyHz > 1_020_000_000L) {
            throw new IllegalArgumentException("frequency " + frequencyHz + " Hz is outside 137..1020 MHz");
        }
        if (bandwidthCode(bandwidthHz) < 0) {
            throw new IllegalArgumentException("bandwidth " + bandwidthHz + " Hz is not one of the SX127x's");
        }
        if (spreadingFactor < 6 || spreadingFactor > 12) {
            throw new IllegalArgumentException("spreading factor " + spreadingFactor + " is outside 6..12");
        }
        if (codingRate < 5 || codingRate > 8) {
            throw new IllegalArgumentException("coding rate 4/" + codingRate + " is outside 4/5..4/8");
        }
        if (preambleSymbols < 6 || preambleSymbols > 65_535) {
            throw new IllegalArgumentException("preamble of " + preambleSymbols + " symbols is outside 6..65535");
        }
        if (syncWord < 0 || syncWord > 0xFF) {
            throw new IllegalArgumentException("sync word must be one byte");
        }
        if (txPowerDbm < -9 || txPowerDbm > 22) {
            throw new IllegalArgumentException("transmit power " + txPowerDbm + " dBm is outside -9..22");
        }
    }

    /** The SX127x register code of {@code hz}, or -1. */
    public static int bandwidthCode(int hz) {
        for (int i = 0; i < BANDWIDTHS.length; i++) {
            if (BANDWIDTHS[i] == hz) {
                return i;
            }
        }
        return -1;
    }

    /** The bandwidth of SX127x register code {@code code} (0..9), in Hz. */
    public static int bandwidthOfCode(int code) {
        if (code < 0 || code >= BANDWIDTHS.length) {
            throw new IllegalArgumentException("no SX127x bandwidth code " + code);
        }
        return BANDWIDTHS[code];
    }

    /** Duration of one symbol in milliseconds. */
    public double symbolMillis() {
        return (1 << spreadingFactor) * 1000.0 / bandwidthHz;
    }

    /** Whether the radio must optimise for low data rates (symbols longer than 16 ms). */
    public boolean lowDataRateOptimize() {
        return symbolMillis() > 16.0;
    }

    /**
     * Time on air of a frame of {@code payloadBytes} with an explicit header, by Semtech's formula
     * (SX1276 datasheet §4.1.1.7, AN1200.13).
     */
    public double airtimeMillis(int payloadBytes) {
        double tSym = symbolMillis();
        double preamble = (preambleSymbols + 4.25) * tSym;
        int de = lowDataRateOptimize() ? 1 : 0;
        int crcBits = crc ? 16 : 0;
        double numerator = 8.0 * payloadBytes - 4.0 * spreadingFactor + 28 + crcBits;
        double symbols = 8 + Math.max(Math.ceil(numerator / (4.0 * (spreadingFactor - 2 * de))) * codingRate, 0);
        return preamble + symbols * tSym;
    }

    public LoRaSettings withTxPower(int dbm) {
        return new LoRaSettings(frequencyHz, bandwidthHz, spreadingFactor, codingRate, preambleSymbols, syncWord, dbm, crc);
    }

    /** The same channel as another radio family frames it (RNode: sync word 0x12, CRC on, its own preamble). */
    public LoRaSettings withFraming(int preamble, int sync, boolean withCrc) {
        return new LoRaSettings(frequencyHz, bandwidthHz, spreadingFactor, codingRate, preamble, sync, txPowerDbm, withCrc);
    }
}
