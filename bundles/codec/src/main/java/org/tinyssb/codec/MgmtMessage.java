package org.tinyssb.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The {@code main} ESP32 firmware's management plane ({@code mgmt.h}), decoded read-only: after
 * the DMX a type byte, the message, a 4-byte frame counter (little-endian) and the first 4 bytes
 * of an HMAC-SHA512 over type, message and counter. The firmware's key defaults to 32 zero bytes,
 * so a valid MAC proves little: {@link #defaultKey} says whether it was that key. Statuses are
 * C structs of the ESP32 (little-endian, 36 bytes each): the sender's own first, then neighbours.
 * Requests (reboot, beacon on/off, status) and key updates are decoded so that they can be
 * counted and logged; a node never obeys them.
 */
public sealed interface MgmtMessage {
    int STATUS_LENGTH = 36;
    int REQUEST_LENGTH = 6;
    int KEY_LENGTH = 35;
    int BEACON_LENGTH = 2;
    int TRAILER = 8;

    /** The frame counter the sender put on it. */
    long counter();

    /** Whether its MAC was made with the firmware's default (all-zero) key. */
    boolean defaultKey();

    record Beacon(String id, long counter, boolean defaultKey) implements MgmtMessage {
    }

    /** One node's status, as {@code struct msg_status_s} holds it. */
    record NodeStatus(String id, boolean beacon, long voltage, int feeds, int entries, int chunks, int freePercent,
            long uptimeMillis, long lastSeenMillis, float latitude, float longitude, int altitude) {
    }

    /** The sender's status, then those of neighbours it heard. */
    record Status(List<NodeStatus> nodes, long counter, boolean defaultKey) implements MgmtMessage {
        public Status {
            nodes = List.copyOf(nodes);
        }
    }

    /** A request: {@code x} reboot, {@code s} status, {@code +}/{@code -} beacon; to {@code destination} or all. */
    record Request(String id, char command, String destination, boolean all, long counter, boolean defaultKey)
            implements MgmtMessage {
    }

    /** A request to allow or deny a feed key. */
    record KeyUpdate(String id, boolean allow, byte[] key, long counter, boolean defaultKey) implements MgmtMessage {
    }

    static MgmtMessage decode(byte[] packet) throws CodecException {
        if (packet.length < Dmx.LENGTH + 1 + BEACON_LENGTH + TRAILER
                || !Arrays.equals(packet, 0, Dmx.LENGTH, Dmx.mgmt(), 0, Dmx.LENGTH)) {
            throw new CodecException("not a management packet");
        }
        int start = Dmx.LENGTH;
        int macAt = packet.length - 4;
        int counterAt = macAt - 4;
        long counter = le(packet, counterAt, 4);
        boolean defaultKey = Arrays.equals(mac(packet, start, macAt), 0, 4, packet, macAt, macAt + 4);
        char type = (char) packet[start];
        byte[] m = Arrays.copyOfRange(packet, start + 1, counterAt);
        switch (type) {
            case 'b':
                expect(m, BEACON_LENGTH, type);
                return new Beacon(hex(m, 0, 2), counter, defaultKey);
            case 'r':
                expect(m, REQUEST_LENGTH, type);
                return new Request(hex(m, 0, 2), (char) m[2], hex(m, 3, 2), m[5] != 0, counter, defaultKey);
            case 'k':
                expect(m, KEY_LENGTH, type);
                return new KeyUpdate(hex(m, 0, 2), m[2] != 0, Arrays.copyOfRange(m, 3, 35), counter, defaultKey);
            case 's':
                if (m.length == 0 || m.length % STATUS_LENGTH != 0) {
                    throw new CodecException("management status of " + m.length + " bytes (a multiple of 36)");
                }
                List<NodeStatus> nodes = new ArrayList<>();
                for (int o = 0; o < m.length; o += STATUS_LENGTH) {
                    nodes.add(status(m, o));
                }
                return new Status(nodes, counter, defaultKey);
            default:
                throw new CodecException("management packet of type '" + type + "'");
        }
    }

    private static NodeStatus status(byte[] m, int o) {
        long counts = le(m, o + 8, 4);
        long altitudeField = le(m, o + 32, 4);
        return new NodeStatus(hex(m, o, 2), m[o + 2] != 0, (int) le(m, o + 4, 4), signed(counts, 10),
                signed(counts >> 10, 10), signed(counts >> 20, 10), (int) le(m, o + 12, 4), le(m, o + 16, 4),
                le(m, o + 20, 4), Float.intBitsToFloat((int) le(m, o + 24, 4)),
                Float.intBitsToFloat((int) le(m, o + 28, 4)), signed(altitudeField, 14));
    }

    /** An {@code int x:bits} bit field of the ESP32's compiler (low bits first), sign-extended. */
    private static int signed(long v, int bits) {
        int x = (int) (v & ((1L << bits) - 1));
        return x << (32 - bits) >> (32 - bits);
    }

    private static void expect(byte[] m, int length, char type) throws CodecException {
        if (m.length != length) {
            throw new CodecException("management '" + type + "' of " + m.length + " bytes (" + length + ")");
        }
    }

    private static long le(byte[] p, int offset, int length) {
        long v = 0;
        for (int i = length - 1; i >= 0; i--) {
            v = v << 8 | (p[offset + i] & 0xFF);
        }
        return v;
    }

    private static String hex(byte[] p, int offset, int length) {
        return HexFormat.of().formatHex(p, offset, offset + length);
    }

    /** HMAC-SHA512 under the firmware's default key over {@code packet[from, to)}. */
    private static byte[] mac(byte[] packet, int from, int to) {
        HMac h = new HMac(new SHA512Digest());
        h.init(new KeyParameter(new byte[32]));
        h.update(packet, from, to - from);
        byte[] out = new byte[h.getMacSize()];
        h.doFinal(out, 0);
        return out;
    }

    /** A packet as the firmware builds it, with the default key: for tests and simulations. */
    static byte[] encode(char type, byte[] message, long counter) {
        byte[] p = new byte[Dmx.LENGTH + 1 + message.length + TRAILER];
        System.arraycopy(Dmx.mgmt(), 0, p, 0, Dmx.LENGTH);
        p[Dmx.LENGTH] = (byte) type;
        System.arraycopy(message, 0, p, Dmx.LENGTH + 1, message.length);
        int counterAt = p.length - TRAILER;
        for (int i = 0; i < 4; i++) {
            p[counterAt + i] = (byte) (counter >>> (8 * i));
        }
        System.arraycopy(mac(p, Dmx.LENGTH, counterAt + 4), 0, p, counterAt + 4, 4);
        return p;
    }
}
