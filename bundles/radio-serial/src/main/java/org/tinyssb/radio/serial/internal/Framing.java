package org.tinyssb.radio.serial.internal;

import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Crc32Frame;

/** What travels inside a KISS frame on the serial line. */
enum Framing {
    /** The tinySSB ESP32 firmware: packet followed by its CRC32, big-endian. */
    CRC32,
    /** The packet alone (modems that check integrity themselves). */
    PLAIN;

    static Framing parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("framing must be crc32 or plain, not '" + name + "'");
        }
    }

    byte[] wrap(byte[] packet) {
        return this == CRC32 ? Crc32Frame.frame(packet) : packet;
    }

    byte[] unwrap(byte[] frame) throws CodecException {
        return this == CRC32 ? Crc32Frame.unframe(frame, frame.length) : frame;
    }
}
