package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.Neighbour;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.Signal;
import org.tinyssb.codec.Dmx;
import org.tinyssb.codec.MgmtMessage;
import org.tinyssb.codec.PeerBeacon;

/**
 * The neighbour table: peer beacons of the 2025 firmware answered (within an airtime bound) and
 * understood, this node's own beacons and their replies, the main firmware's management status
 * read and its requests never obeyed, the table bounded.
 */
class NeighboursTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private SimNode node;
    private RecordingLink radio;

    @BeforeEach
    void start() throws Exception {
        node = new SimNode("n", scheduler, EngineConfig.defaults(), 1);
        node.identity(0);
        node.engine.neighbourBeacons("c0de", 120_000);
        node.start();
        radio = new RecordingLink(new LinkProfile(LinkProfile.TINYSSB_PACKET, 2.0, true));
        node.engine.attach(radio);
    }

    private static byte[] text(byte[] dmx, String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        byte[] p = Arrays.copyOf(dmx, 7 + t.length);
        System.arraycopy(t, 0, p, 7, t.length);
        return p;
    }

    private List<String> sent(byte[] dmx) {
        return radio.sent.stream().filter(p -> Arrays.equals(p, 0, 7, dmx, 0, 7)).map(PeerBeacon::text).toList();
    }

    @Test
    void aBoardsRequestIsAnsweredAsTheFirmwareAnswersAndItsSenderIsANeighbour() {
        scheduler.advance(1_000);
        node.engine.receive(radio, text(Dmx.peersRequest(), "Q 3fa2 t=17 gps=47.558,7.5876,260"), new Signal(-90, 5.5));
        List<String> replies = sent(Dmx.peersReply());
        assertEquals(List.of("R c0de t=0 rssi=-90dBm snr=5.5 [Q 3fa2 t=17 gps=47.558,7.5876,260]"), replies);
        Neighbour n = node.engine.neighbours().get(0);
        assertEquals("3fa2", n.id());
        assertEquals(radio.id(), n.linkId());
        assertEquals("beacon", n.heardBy());
        assertEquals(-90, n.rssiDbm());
        assertEquals(5.5, n.snrDb());
        assertTrue(n.details().contains("gps 47.558,7.5876,260"), n.details());
    }

    @Test
    void requestsCannotMakeTheNodeSpendMoreThanOneReplyPerTenSeconds() {
        for (int i = 0; i < 600; i++) { // 600 requests in 60 s from 600 "boards"
            node.engine.receive(radio, text(Dmx.peersRequest(), String.format("Q %04x t=%d", i, i)), new Signal(-100, 1));
            scheduler.advance(100);
        }
        int replies = sent(Dmx.peersReply()).size();
        assertTrue(replies >= 6 && replies <= 7, "one reply per 10 s: " + replies);
        assertEquals(Neighbours.CAPACITY, node.engine.neighbours().size(), "the table stays bounded");
        assertEquals(String.format("%04x", 599), node.engine.neighbours().get(0).id(), "the latest first");
        assertTrue(node.engine.metrics().droppedByReason().get("beacon-reply-held-back") >= 590);
    }

    @Test
    void theNodeBeaconsOnBroadcastLinksAndLearnsHowItIsHeard() {
        scheduler.advance(120_000);
        assertEquals(List.of("Q c0de t=0"), sent(Dmx.peersRequest()));
        node.engine.receive(radio, PeerBeacon.reply("00b1", 3, -101, -2.5, "Q c0de t=0"), new Signal(-95, 3.0));
        Neighbour n = node.engine.neighbours().get(0);
        assertEquals("00b1", n.id());
        assertEquals("reply", n.heardBy());
        assertEquals(-95, n.rssiDbm(), "how this node heard the reply");
        assertEquals("hears this node at -101 dBm, SNR -2.5 dB", n.details());
        scheduler.advance(120_000);
        assertEquals(List.of("Q c0de t=0", "Q c0de t=1"), sent(Dmx.peersRequest()));
        RecordingLink socket = new RecordingLink();
        node.engine.attach(socket);
        scheduler.advance(600_000);
        assertTrue(socket.sent.stream().noneMatch(p -> Arrays.equals(p, 0, 7, Dmx.peersRequest(), 0, 7)),
                "no beacons on point-to-point links");
    }

    @Test
    void managementStatusIsReadAndItsRequestsAreNeverObeyed() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0xBE).put((byte) 0xEF).put((byte) 1).put((byte) 0).putInt(0);
        b.putInt(12 | 345 << 10 | 67 << 20).putInt(80).putInt(3_600_000).putInt(0).putFloat(0).putFloat(0).putInt(0);
        node.engine.receive(radio, MgmtMessage.encode('s', b.array(), 1), new Signal(-80, 9));
        Neighbour n = node.engine.neighbours().get(0);
        assertEquals("beef", n.id());
        assertEquals("mgmt-status", n.heardBy());
        assertTrue(n.details().startsWith("12 feeds, 345 entries, 67 chunks, 80 % free, up 3600 s"), n.details());

        int before = radio.sent.size();
        long height = node.height(node.keys.get(0).feedId());
        node.engine.receive(radio, MgmtMessage.encode('r', new byte[] {(byte) 0xBE, (byte) 0xEF, 'x', 0, 0, 1}, 2), null);
        node.engine.receive(radio, MgmtMessage.encode('k', new byte[35], 3), null);
        assertEquals(1, node.engine.metrics().droppedByReason().get("mgmt-request-ignored"));
        assertEquals(1, node.engine.metrics().droppedByReason().get("mgmt-key-ignored"));
        assertEquals(before, radio.sent.size(), "nothing sent in answer, nothing forwarded");
        assertEquals(height, node.height(node.keys.get(0).feedId()));

        node.engine.receive(radio, text(Dmx.peersRequest(), "Q \u0001\u0002 nonsense"), null);
        assertEquals(1, node.engine.metrics().droppedByReason().get("bad-neighbour-packet"));
    }
}
