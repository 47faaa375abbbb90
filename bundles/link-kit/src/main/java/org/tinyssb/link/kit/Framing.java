package org.tinyssb.link.kit;

import java.util.Locale;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Crc32Frame;

/**
 * What a link adds around each packet on its medium, per frame. Stream media put a byte-stream
 * stage around it ({@link KissStream}); datagrams and radio frames carry one frame each.
 */
public enum Framing {
    /** Packet followed by its CRC32, big-endian: the ESP32 mesh on LoRa, UDP and Bluetooth serial. */
    CRC32(Crc32Frame.CRC_LENGTH),
    /** The packet alone: WebSocket (the reference pub, the Android app), BLE, modems that check integrity. */
    PLAIN(0);

    private final int overhead;

    Framing(int overhead) {
        this.overhead = overhead;
    }

    /** Bytes the framing adds to a packet. */
    public int overhead() {
        return overhead;
    }

    public byte[] wrap(byte[] packet) {
        return this == CRC32 ? Crc32Frame.frame(packet) : packet;
    }

    /** The packet in the first {@code length} bytes of {@code frame}; a CRC that does not match is a {@link CodecException}. */
    public byte[] unwrap(byte[] frame, int length) throws CodecException {
        if (this == CRC32) {
            return Crc32Frame.unframe(frame, length);
        }
        return length == frame.length ? frame : java.util.Arrays.copyOf(frame, length);
    }

    /** {@code crc32} or {@code plain}; anything else is an error that says so. */
    public static Framing parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("framing must be crc32 or plain, not '" + name + "'");
        }
    }
}
