package org.tinyssb.radio.serial.internal;

import java.util.Arrays;
import org.tinyssb.codec.CodecException;

/**
 * What an RNode says, one KISS frame each: echoes of its settings, data received, flow control,
 * statistics, errors. A pure decoder; a frame of a known command with a wrong length is a
 * {@link CodecException}, an unknown command is {@link Other}.
 */
sealed interface RNodeMessage {
    /** A frame the radio received (without the RNode's own header byte). */
    record Data(byte[] payload) implements RNodeMessage {
    }

    record Detected(boolean isRNode) implements RNodeMessage {
    }

    record FirmwareVersion(int major, int minor) implements RNodeMessage {
        boolean atLeast(int maj, int min) {
            return major > maj || major == maj && minor >= min;
        }

        @Override
        public String toString() {
            return major + "." + String.format("%02d", minor);
        }
    }

    record Platform(int code) implements RNodeMessage {
    }

    record Mcu(int code) implements RNodeMessage {
    }

    /** The value of a setting as the modem now has it (its answer to setting or asking it). */
    record Setting(int command, long value) implements RNodeMessage {
    }

    record AirtimeLock(boolean shortTerm, double percent) implements RNodeMessage {
    }

    record Ready(boolean ready) implements RNodeMessage {
    }

    record Rssi(int dbm) implements RNodeMessage {
    }

    record Snr(double db) implements RNodeMessage {
    }

    /**
     * Channel time: the modem's own airtime and the channel's load over its short and long windows
     * (percent), and, in newer firmware, the current RSSI, noise floor and interference (dBm, or
     * null).
     */
    record ChannelTime(double airtimeShort, double airtimeLong, double loadShort, double loadLong, Integer rssiDbm,
            Integer noiseFloorDbm, Integer interferenceDbm) implements RNodeMessage {
    }

    /** Physical parameters of the radio as tuned: what time on air really is. */
    record PhysicalParameters(double symbolMillis, int symbolRate, int preambleSymbols, int preambleMillis,
            int csmaSlotMillis) implements RNodeMessage {
    }

    /** @param state 0 unknown, 1 discharging, 2 charging, 3 charged */
    record Battery(int state, int percent) implements RNodeMessage {
    }

    record Error(int code) implements RNodeMessage {
    }

    /** The modem restarted (it says so at boot). */
    record Reset() implements RNodeMessage {
    }

    /** A command this node does not use (counters, CSMA, temperature ...) or does not know. */
    record Other(int command, int length) implements RNodeMessage {
    }

    static RNodeMessage decode(byte[] frame) throws CodecException {
        if (frame.length == 0) {
            throw new CodecException("empty RNode frame");
        }
        int command = frame[0] & 0xFF;
        byte[] p = Arrays.copyOfRange(frame, 1, frame.length);
        return switch (command) {
            case RNodeProtocol.DATA -> new Data(p);
            case RNodeProtocol.DETECT -> new Detected(length(p, 1, command)[0] == RNodeProtocol.DETECT_RESPONSE);
            case RNodeProtocol.FIRMWARE_VERSION -> new FirmwareVersion(length(p, 2, command)[0] & 0xFF, p[1] & 0xFF);
            case RNodeProtocol.PLATFORM -> new Platform(length(p, 1, command)[0] & 0xFF);
            case RNodeProtocol.MCU -> new Mcu(length(p, 1, command)[0] & 0xFF);
            case RNodeProtocol.FREQUENCY, RNodeProtocol.BANDWIDTH -> new Setting(command, uint(length(p, 4, command), 0, 4));
            case RNodeProtocol.TX_POWER -> new Setting(command, length(p, 1, command)[0]); // signed: SX126x go below 0
            case RNodeProtocol.SPREADING_FACTOR, RNodeProtocol.CODING_RATE, RNodeProtocol.RADIO_STATE,
                    RNodeProtocol.RADIO_LOCK -> new Setting(command, length(p, 1, command)[0] & 0xFF);
            case RNodeProtocol.SHORT_TERM_AIRTIME_LOCK, RNodeProtocol.LONG_TERM_AIRTIME_LOCK -> new AirtimeLock(
                    command == RNodeProtocol.SHORT_TERM_AIRTIME_LOCK, uint(length(p, 2, command), 0, 2) / 100.0);
            case RNodeProtocol.READY -> new Ready(length(p, 1, command)[0] != 0);
            case RNodeProtocol.STAT_RSSI -> new Rssi((length(p, 1, command)[0] & 0xFF) - RNodeProtocol.RSSI_OFFSET);
            case RNodeProtocol.STAT_SNR -> new Snr(length(p, 1, command)[0] * 0.25);
            case RNodeProtocol.STAT_CHANNEL_TIME -> channelTime(p);
            case RNodeProtocol.STAT_PHYSICAL -> physical(p);
            case RNodeProtocol.STAT_BATTERY -> new Battery(length(p, 2, command)[0] & 0xFF, p[1] & 0xFF);
            case RNodeProtocol.ERROR -> new Error(length(p, 1, command)[0] & 0xFF);
            case RNodeProtocol.RESET -> length(p, 1, command)[0] == (byte) RNodeProtocol.RESET_BYTE ? new Reset()
                    : new Other(command, p.length);
            default -> new Other(command, p.length);
        };
    }

    private static RNodeMessage channelTime(byte[] p) throws CodecException {
        if (p.length != 8 && p.length != 11) {
            throw new CodecException("RNode channel time of " + p.length + " bytes (8 or 11)");
        }
        Integer rssi = null;
        Integer noise = null;
        Integer interference = null;
        if (p.length == 11) {
            rssi = (p[8] & 0xFF) - RNodeProtocol.RSSI_OFFSET;
            noise = (p[9] & 0xFF) - RNodeProtocol.RSSI_OFFSET;
            interference = (p[10] & 0xFF) == 0xFF ? null : (p[10] & 0xFF) - RNodeProtocol.RSSI_OFFSET;
        }
        return new ChannelTime(uint(p, 0, 2) / 100.0, uint(p, 2, 2) / 100.0, uint(p, 4, 2) / 100.0,
                uint(p, 6, 2) / 100.0, rssi, noise, interference);
    }

    private static RNodeMessage physical(byte[] p) throws CodecException {
        if (p.length != 10 && p.length != 12) {
            throw new CodecException("RNode physical parameters of " + p.length + " bytes (10 or 12)");
        }
        return new PhysicalParameters(uint(p, 0, 2) / 1000.0, (int) uint(p, 2, 2), (int) uint(p, 4, 2),
                (int) uint(p, 6, 2), (int) uint(p, 8, 2));
    }

    private static byte[] length(byte[] p, int expected, int command) throws CodecException {
        if (p.length != expected) {
            throw new CodecException(String.format("RNode command 0x%02X with %d bytes (%d expected)", command,
                    p.length, expected));
        }
        return p;
    }

    private static long uint(byte[] p, int offset, int length) {
        long v = 0;
        for (int i = 0; i < length; i++) {
            v = v << 8 | (p[offset + i] & 0xFF);
        }
        return v;
    }
}
