package org.tinyssb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Peer beacons of the 2025 firmware and the main firmware's management packets, as they send them. */
class NeighbourPacketsTest {
    private static byte[] packet(byte[] dmx, String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        byte[] p = Arrays.copyOf(dmx, 7 + t.length);
        System.arraycopy(t, 0, p, 7, t.length);
        return p;
    }

    @Test
    void theDmxAreTheFirmwaresHashes() {
        assertArrayEquals(Arrays.copyOf(Sha256.digest("peers 1.0 request".getBytes(StandardCharsets.US_ASCII)), 7),
                Dmx.peersRequest());
        assertArrayEquals(Arrays.copyOf(Sha256.digest("tinySSB-0.1 mgmt 1".getBytes(StandardCharsets.US_ASCII)), 7),
                Dmx.mgmt());
    }

    @Test
    void requestsAndRepliesDecodeAsTheFirmwareWritesThem() throws CodecException {
        PeerBeacon q = PeerBeacon.decode(packet(Dmx.peersRequest(), "Q 3fa2 t=17 gps=47.558,7.5876,260"), true);
        assertEquals("3fa2", q.id());
        assertEquals(17, q.counter());
        assertEquals("47.558,7.5876,260", q.position());
        PeerBeacon r = PeerBeacon.decode(packet(Dmx.peersReply(), "R 00b1 t=4 rssi=-87dBm snr=7.2 [Q 3fa2 t=17]"), false);
        assertEquals("00b1", r.id());
        assertEquals(-87, r.rssiDbm());
        assertEquals(7.2, r.snrDb());
        assertEquals("Q 3fa2 t=17", r.echoed());
        assertNull(r.position());
        assertThrows(CodecException.class, () -> PeerBeacon.decode(packet(Dmx.peersRequest(), "R 3fa2 t=1"), true));
        assertThrows(CodecException.class, () -> PeerBeacon.decode(packet(Dmx.peersRequest(), "Q zz t=1"), true));
        assertThrows(CodecException.class, () -> PeerBeacon.decode(packet(Dmx.peersRequest(), "Q 3fa2 t=1\u0001"), true));
        assertThrows(CodecException.class, () -> PeerBeacon.decode(packet(Dmx.peersRequest(), "Q 3fa2 " + "x".repeat(120)), true));
    }

    @Test
    void aReplyRoundTripsAndIsCutWhereTheFirmwareCutsIt() throws CodecException {
        byte[] reply = PeerBeacon.reply("1234", 9, -101, -3.25, "Q 3fa2 t=17");
        assertEquals("R 1234 t=9 rssi=-101dBm snr=-3.3 [Q 3fa2 t=17]", PeerBeacon.text(reply));
        PeerBeacon back = PeerBeacon.decode(reply, false);
        assertEquals(-101, back.rssiDbm());
        byte[] longOne = PeerBeacon.reply("1234", 9, -101, -3.25, "Q 3fa2 t=17 gps=" + "1".repeat(200));
        assertEquals(7 + PeerBeacon.MAX_TEXT, longOne.length);
        assertEquals("Q 1234 t=0", PeerBeacon.text(PeerBeacon.request("1234", 0)));
    }

    /** {@code struct msg_status_s} as the ESP32 lays it out (little-endian, bit fields low first). */
    private static byte[] status(int id, boolean beacon, int feeds, int entries, int chunks, int free, int uptime,
            float lat, float lon, int alt) {
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) (id >> 8)).put((byte) id).put((byte) (beacon ? 1 : 0)).put((byte) 0);
        b.putInt(4); // voltage
        b.putInt((feeds & 0x3FF) | (entries & 0x3FF) << 10 | (chunks & 0x3FF) << 20);
        b.putInt(free).putInt(uptime).putInt(0).putFloat(lat).putFloat(lon).putInt(alt & 0x3FFF);
        return b.array();
    }

    @Test
    void statusesBeaconsAndRequestsOfTheManagementPlaneDecodeReadOnly() throws CodecException {
        byte[] two = new byte[72];
        System.arraycopy(status(0xBEEF, true, 12, 345, 67, 80, 3_600_000, 47.5f, 7.6f, -12), 0, two, 0, 36);
        System.arraycopy(status(0x0102, false, 3, 4, 5, 99, 1_000, 0, 0, 0), 0, two, 36, 36);
        MgmtMessage.Status s = assertInstanceOf(MgmtMessage.Status.class, MgmtMessage.decode(MgmtMessage.encode('s', two, 7)));
        assertEquals(2, s.nodes().size());
        MgmtMessage.NodeStatus own = s.nodes().get(0);
        assertEquals("beef", own.id());
        assertTrue(own.beacon());
        assertEquals(12, own.feeds());
        assertEquals(345, own.entries());
        assertEquals(67, own.chunks());
        assertEquals(80, own.freePercent());
        assertEquals(3_600_000, own.uptimeMillis());
        assertEquals(47.5f, own.latitude());
        assertEquals(-12, own.altitude(), "a signed 14-bit field");
        assertEquals(7, s.counter());
        assertTrue(s.defaultKey(), "the firmware's all-zero key");

        MgmtMessage.Request reboot = assertInstanceOf(MgmtMessage.Request.class,
                MgmtMessage.decode(MgmtMessage.encode('r', new byte[] {(byte) 0xBE, (byte) 0xEF, 'x', 0, 0, 1}, 8)));
        assertEquals('x', reboot.command());
        assertTrue(reboot.all());

        byte[] forged = MgmtMessage.encode('b', new byte[] {1, 2}, 9);
        forged[forged.length - 1] ^= 1;
        MgmtMessage.Beacon b = assertInstanceOf(MgmtMessage.Beacon.class, MgmtMessage.decode(forged));
        assertEquals("0102", b.id());
        assertFalse(b.defaultKey(), "another key, or forged");
        assertThrows(CodecException.class, () -> MgmtMessage.decode(MgmtMessage.encode('s', new byte[35], 1)));
        assertThrows(CodecException.class, () -> MgmtMessage.decode(MgmtMessage.encode('q', new byte[2], 1)));
    }
}
