package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;
import org.tinyssb.codec.Dmx;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;
import org.junit.jupiter.api.Test;

/**
 * A thousand feeds between two nodes, ten times what a GOset holds: they replicate all of them
 * by id. A third node that speaks only GOset 1, as the reference implementations do, replicates
 * the part both hold in their GOset.
 */
class BeyondTheGoSetTest {
    private static final int FEEDS = 1_000;
    private static final int ENTRIES = 3;

    /** A link end that drops the vectors by id both ways: its node behaves as the reference does. */
    static final class GoSetOneOnly implements Link {
        private final Link inner;

        GoSetOneOnly(Link inner) {
            this.inner = inner;
        }

        static boolean byId(byte[] p) {
            return p.length >= 7 && (Arrays.equals(p, 0, 7, Dmx.wantById(), 0, 7)
                    || Arrays.equals(p, 0, 7, Dmx.chunkById(), 0, 7));
        }

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public LinkProfile profile() {
            return inner.profile();
        }

        @Override
        public void attach(PacketReceiver r) {
            inner.attach(r == null ? null : (link, packet) -> {
                if (!byId(packet)) {
                    r.packetReceived(this, packet);
                }
            });
        }

        @Override
        public boolean send(byte[] packet) {
            return byId(packet) || inner.send(packet); // taken, and lost: the peer would not understand it
        }

        @Override
        public Map<String, Long> counters() {
            return inner.counters();
        }
    }

    @Test
    void aThousandFeedsReplicateByIdAndAGosetOneNodeGetsWhatFitsItsGoset() throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        SimNode author = new SimNode("author", scheduler, EngineConfig.defaults(), 1);
        SimNode reader = new SimNode("reader", scheduler, EngineConfig.defaults(), 2);
        SimNode reference = new SimNode("reference", scheduler, EngineConfig.defaults(), 3);
        author.start();
        reader.start();
        reference.start();
        List<SigningKey> keys = new ArrayList<>();
        for (int i = 0; i < FEEDS; i++) {
            SigningKey k = SigningKey.fromSeed(Sha256.digest(("many-" + i).getBytes(StandardCharsets.UTF_8)));
            keys.add(k);
            for (int e = 1; e <= ENTRIES; e++) {
                author.engine.publish(k, ("entry " + e + " of " + i).getBytes(StandardCharsets.UTF_8));
            }
            reader.engine.follow(k.feedId()); // the reader's operator follows all thousand
        }
        int cap = EngineConfig.defaults().gosetCap();
        assertEquals(cap, author.engine.view().size(), "GOset 1 holds " + cap + " of them");

        SimulatedLink[] ar = SimulatedLink.pair("a-r", "r-a", LinkProfile.stream(1024), scheduler, 10, 0, new Random(4));
        SimulatedLink[] ac = SimulatedLink.pair("a-c", "c-a", LinkProfile.stream(1024), scheduler, 10, 0, new Random(5));
        author.attach(ar[0]);
        reader.attach(ar[1]);
        GoSetOneOnly authorToReference = new GoSetOneOnly(ac[0]);
        GoSetOneOnly referenceToAuthor = new GoSetOneOnly(ac[1]);
        author.attach(authorToReference);
        reference.attach(referenceToAuthor);

        List<FeedId> inAuthorsGoset = author.engine.view(authorToReference).keys();
        boolean done = scheduler.runUntil(() -> keys.stream().allMatch(k -> reader.height(k.feedId()) == ENTRIES)
                && inAuthorsGoset.stream().allMatch(id -> reference.height(id) == ENTRIES), 60 * 60_000);
        long readerHas = keys.stream().filter(k -> reader.height(k.feedId()) == ENTRIES).count();
        long referenceHas = keys.stream().filter(k -> reference.height(k.feedId()) == ENTRIES).count();
        System.out.printf("%d feeds: the reader holds all of %d, the GOset-1-only node all of %d (its GOset: %d), after "
                + "%.1f s virtual%n", FEEDS, readerHas, referenceHas, reference.engine.view(referenceToAuthor).size(),
                scheduler.nowMillis() / 1000.0);
        assertTrue(done, "reader " + readerHas + " of " + FEEDS + ", GOset-1 node " + referenceHas + " of " + cap);
        assertEquals(cap, referenceHas, "the GOset-1 node holds just what GOset 1 names");
    }
}
