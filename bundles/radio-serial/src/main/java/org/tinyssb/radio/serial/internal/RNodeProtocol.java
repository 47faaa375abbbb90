package org.tinyssb.radio.serial.internal;

import java.io.ByteArrayOutputStream;
import org.tinyssb.codec.Kiss;

/**
 * The RNode's host protocol (the modem firmware of the Reticulum project): KISS frames whose first
 * byte is a command. Command bytes and payloads as the firmware's {@code Framing.h} and Reticulum's
 * {@code RNodeInterface} use them; encoding only, no I/O.
 */
final class RNodeProtocol {
    static final int DATA = 0x00;
    static final int FREQUENCY = 0x01;
    static final int BANDWIDTH = 0x02;
    static final int TX_POWER = 0x03;
    static final int SPREADING_FACTOR = 0x04;
    static final int CODING_RATE = 0x05;
    static final int RADIO_STATE = 0x06;
    static final int RADIO_LOCK = 0x07;
    static final int DETECT = 0x08;
    static final int LEAVE = 0x0A;
    static final int SHORT_TERM_AIRTIME_LOCK = 0x0B;
    static final int LONG_TERM_AIRTIME_LOCK = 0x0C;
    static final int READY = 0x0F;
    static final int STAT_RX = 0x21;
    static final int STAT_TX = 0x22;
    static final int STAT_RSSI = 0x23;
    static final int STAT_SNR = 0x24;
    static final int STAT_CHANNEL_TIME = 0x25;
    static final int STAT_PHYSICAL = 0x26;
    static final int STAT_BATTERY = 0x27;
    static final int PLATFORM = 0x48;
    static final int MCU = 0x49;
    static final int FIRMWARE_VERSION = 0x50;
    static final int RESET = 0x55;
    static final int ERROR = 0x90;

    static final int DETECT_REQUEST = 0x73;
    static final int DETECT_RESPONSE = 0x46;
    static final int RESET_BYTE = 0xF8;
    static final int RADIO_OFF = 0x00;
    static final int RADIO_ON = 0x01;
    /** Received signal strength travels as dBm + 157. */
    static final int RSSI_OFFSET = 157;
    /** The oldest firmware Reticulum's host accepts. */
    static final int MIN_FIRMWARE_MAJOR = 1;
    static final int MIN_FIRMWARE_MINOR = 52;
    /** Largest data frame the firmware takes (its MTU). */
    static final int MODEM_MTU = 508;

    private RNodeProtocol() {
    }

    /** One KISS frame: {@code command}, then {@code payload} escaped. */
    static byte[] frame(int command, byte... payload) {
        byte[] body = new byte[payload.length + 1];
        body[0] = (byte) command;
        System.arraycopy(payload, 0, body, 1, payload.length);
        return Kiss.encode(body);
    }

    /**
     * The detect request as Reticulum writes it, four commands sharing their delimiters: detect,
     * then firmware version, platform and MCU.
     */
    static byte[] detectRequest() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Kiss.FEND);
        for (int[] c : new int[][] {{DETECT, DETECT_REQUEST}, {FIRMWARE_VERSION, 0}, {PLATFORM, 0}, {MCU, 0}}) {
            out.write(c[0]);
            out.write(c[1]);
            out.write(Kiss.FEND);
        }
        return out.toByteArray();
    }

    static byte[] uint32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** An airtime limit: percent × 100, two bytes big-endian. */
    static byte[] airtimeLimit(double percent) {
        int v = (int) (percent * 100);
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    static byte[] data(byte[] frame) {
        return frame(DATA, frame);
    }

    /** Asks whether the modem's queue has room (it answers READY 01, or 00 when full). */
    static byte[] readyQuery() {
        return frame(READY, (byte) 0);
    }

    static String errorName(int code) {
        return switch (code) {
            case 0x01 -> "the radio did not start (INITRADIO)";
            case 0x02 -> "a transmission failed (TXFAILED)";
            case 0x03 -> "its configuration memory is locked (EEPROM_LOCKED)";
            case 0x04 -> "its queue is full (QUEUE_FULL)";
            case 0x05 -> "its memory is low (MEMORY_LOW)";
            case 0x06 -> "its radio timed out (MODEM_TIMEOUT)";
            default -> String.format("error 0x%02X", code);
        };
    }

    static String platformName(int code) {
        return switch (code) {
            case 0x90 -> "AVR";
            case 0x80 -> "ESP32";
            case 0x70 -> "nRF52";
            default -> String.format("platform 0x%02X", code);
        };
    }
}
