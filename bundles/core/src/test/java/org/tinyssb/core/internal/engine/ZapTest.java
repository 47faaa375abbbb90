package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.Dmx;
import org.tinyssb.codec.GoSetMessage;

/**
 * The ESP32 firmware wipes its repository when it hears a GOset zap, which anyone in radio range
 * can send. This node counts and logs zaps, keeps every feed, and never sends one on.
 */
class ZapTest {
    @Test
    void zapsAreCountedAndIgnoredAndNeverRepeated() throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        SimNode node = new SimNode("n", scheduler, EngineConfig.defaults(), 1);
        node.identity(0);
        node.start();
        FeedId own = node.keys.get(0).feedId();
        for (int i = 0; i < 3; i++) {
            node.engine.publish(node.keys.get(0), ("entry " + i).getBytes(StandardCharsets.UTF_8));
        }
        RecordingLink peer = new RecordingLink();
        node.engine.attach(peer);
        scheduler.advance(1_000);

        byte[] nonce = new byte[32];
        Arrays.fill(nonce, (byte) 7);
        for (int i = 0; i < 5; i++) { // the firmware repeats its zap once a second for 4.5 s
            node.engine.receive(peer, new GoSetMessage.Zap(nonce, -1).encode());
            node.engine.receive(peer, new GoSetMessage.Zap(nonce, 0).encode());
            scheduler.advance(1_000);
        }
        scheduler.advance(60_000);

        assertEquals(3, node.height(own), "no entry was wiped");
        assertEquals(1, node.engine.feeds().size(), "no feed was forgotten");
        assertEquals(10L, node.engine.metrics().droppedByReason().get("zap-ignored"));
        long zapsSent = peer.sent.stream()
                .filter(p -> p.length == GoSetMessage.ZAP_LENGTH && Arrays.equals(p, 0, Dmx.LENGTH, Dmx.goset(), 0, Dmx.LENGTH)
                        && p[Dmx.LENGTH] == GoSetMessage.ZAP_TAG)
                .count();
        assertEquals(0, zapsSent, "a zap is never passed on");
        assertTrue(peer.sent.size() > 0, "the node went on talking to the peer");
    }
}
