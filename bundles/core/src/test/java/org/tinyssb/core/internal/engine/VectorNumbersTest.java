package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.codec.Dmx;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.store.memory.internal.MemoryFeedStore;

/**
 * Every number in every WANT and CHNK vector the node sends fits a signed 32-bit int: the ESP32
 * firmware decodes BIPF integers into {@code int}s and reads larger ones as something else (2^32
 * as 1: "wants entry 1"). Read here as that firmware does, with a reader that refuses any integer
 * of more than 4 bytes or below zero.
 */
class VectorNumbersTest {
    /** Reads BIPF as a 32-bit decoder would; returns how many integers it read. */
    static int readInt32Bipf(byte[] b, int[] at, int end) {
        long header = 0;
        int shift = 0;
        while (true) {
            int x = b[at[0]++] & 0xFF;
            header |= (long) (x & 0x7F) << shift;
            shift += 7;
            if ((x & 0x80) == 0) {
                break;
            }
        }
        int type = (int) (header & 7);
        int length = (int) (header >>> 3);
        int stop = at[0] + length;
        int ints = 0;
        if (type == 2) {
            if (length > 4) {
                throw new AssertionError("a " + length + "-byte integer: a 32-bit reader cannot take it");
            }
            long v = 0;
            for (int i = 0; i < length; i++) {
                v |= (long) (b[at[0] + i] & 0xFF) << (8 * i);
            }
            if (length == 4 && v >= 1L << 31) {
                throw new AssertionError("integer " + v + " is negative as a 32-bit int");
            }
            ints = 1;
        } else if (type == 4) {
            while (at[0] < stop) {
                ints += readInt32Bipf(b, at, stop);
            }
        }
        at[0] = stop;
        return ints;
    }

    @Test
    void everyVectorTheNodeSendsReadsWithA32BitReader() throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        MemoryFeedStore store = new MemoryFeedStore();
        NodeEngine engine = new NodeEngine(EngineConfig.defaults().withStorageBounds(1, 1L << 30), store, scheduler,
                new Random(1), f -> true, EngineEvents.NONE);
        SigningKey own = SigningKey.fromSeed(Sha256.digest("own".getBytes(StandardCharsets.UTF_8)));
        engine.start(List.of(own.feedId()), Set.of());
        for (int i = 0; i < 40; i++) {
            engine.publish(own, ("entry " + i + " " + "x".repeat(i * 7)).getBytes(StandardCharsets.UTF_8));
        }
        List<FeedId> announced = new java.util.ArrayList<>();
        byte[] notAKey = new byte[32];
        Arrays.fill(notAKey, (byte) 0xFF); // not a point on the curve: nothing of it can ever be wanted
        announced.add(FeedId.of(notAKey));
        engine.follow(FeedId.of(notAKey));
        FeedId unfollowed = SigningKey.fromSeed(Sha256.digest("gone".getBytes(StandardCharsets.UTF_8))).feedId();
        announced.add(unfollowed);
        engine.follow(unfollowed);
        engine.unfollow(unfollowed);
        for (int i = 0; i < 60; i++) {
            announced.add(SigningKey.fromSeed(Sha256.digest(("other-" + i).getBytes(StandardCharsets.UTF_8))).feedId());
            engine.follow(announced.get(announced.size() - 1));
        }
        RecordingLink radio = new RecordingLink(new LinkProfile(120, 10, true));
        RecordingLink socket = new RecordingLink(LinkProfile.stream(1024));
        engine.attach(radio);
        engine.attach(socket);
        // peers hold them all: their keys are in both links' GOsets
        AskOneNeighbourTest.announce(engine, radio, announced);
        AskOneNeighbourTest.announce(engine, socket, announced);
        scheduler.advance(10 * 60_000);

        int vectors = 0;
        int numbers = 0;
        for (RecordingLink l : List.of(radio, socket)) {
            for (byte[] p : l.sent) {
                boolean control = p.length < 120 && !Arrays.equals(p, 0, 7, Dmx.goset(), 0, 7)
                        && !Arrays.equals(p, 0, 7, Dmx.wantById(), 0, 7) && !Arrays.equals(p, 0, 7, Dmx.chunkById(), 0, 7)
                        && !Arrays.equals(p, 0, 7, Dmx.feedsRequest(), 0, 7); // fixed layouts, not BIPF
                if (control) {
                    int[] at = {7};
                    numbers += readInt32Bipf(p, at, p.length);
                    assertEquals(p.length, at[0], "one BIPF value after the DMX");
                    vectors++;
                }
            }
        }
        System.out.printf("%d vectors, %d numbers, all within 32 bits%n", vectors, numbers);
        assertTrue(vectors > 50 && numbers > 1_000, vectors + " vectors, " + numbers + " numbers");
    }
}
