package org.tinyssb.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Random;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedInfo;
import org.tinyssb.api.IdentityService;
import org.tinyssb.api.NodeService;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.radio.RadioPlans;
import org.tinyssb.codec.Crc32Frame;
import org.tinyssb.codec.EntryContentCodec;
import org.tinyssb.codec.EntryName;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.LogEntry;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.radio.sim.SimChannels;
import org.tinyssb.radio.sim.SimRadio;
import org.tinyssb.testkit.rnode.RNodeAir;
import org.tinyssb.testkit.rnode.RNodeModel;

/**
 * A running node changes radios: simulated radio, then an RNode modem (a model of its firmware at
 * the far end of a socat cable, on a simulated channel of its own), then the simulated radio
 * again. Its feeds, GOset and pending side chains are the same after each change, and replication
 * continues on the new radio: a side chain started over the simulated air is completed over the
 * RNode's channel, the next entry arrives over the simulated air again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RadioSwapIT {
    private static final String SIM_PID = "org.tinyssb.radio.sim";
    private static final String RNODE_PID = "org.tinyssb.radio.rnode";

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configurationAdmin;
    @Inject
    private NodeService node;
    @Inject
    private IdentityService identity;

    @Configuration
    public Option[] configuration() throws Exception {
        List<Option> options = new ArrayList<>(List.of(NodeOptions.node("minimal", "com.fazecast:jSerialComm",
                "org.tinyssb:org.tinyssb.radio.serial", "org.tinyssb:org.tinyssb.radio.sim")));
        options.addAll(List.of(SerialCable.options()));
        // the RNode model comes from the test's class path, not a bundle: the framework exports it
        options.add(CoreOptions.systemPackages("org.tinyssb.testkit.rnode"));
        return options.toArray(new Option[0]);
    }

    @Test
    public void theNodeSwapsRadiosAndKeepsItsStateAndReplicationGoesOn() throws Exception {
        SigningKey peerKey = SigningKey.fromSeed(new byte[32]);
        List<LogEntry> peerFeed = new ArrayList<>();
        byte[] longContent = new byte[1_000];
        new Random(4).nextBytes(longContent);
        EntryContentCodec.Encoded first = EntryContentCodec.encode(longContent);
        peerFeed.add(Entries.sign(peerKey, 1, EntryName.genesisPrev(peerKey.feedId()), first.type(), first.payload()));
        EntryContentCodec.Encoded second = EntryContentCodec.encode("after the swap".getBytes());
        peerFeed.add(Entries.sign(peerKey, 2, peerFeed.get(0).messageId(), second.type(), second.payload()));

        node.publish(new byte[500]); // the node's own feed, with a side chain of its own
        node.follow(peerKey.feedId());

        // 1. the simulated radio; the peer is a radio on the same channel, driven by this test
        String simConfig = startSimRadio();
        SimRadio peer = SimChannels.join("swap", "peer", RadioPlans.parse("main/EU868.a").settings(14, false), 1.0, 0, 64);
        // entry 1 arrives; its 10 chunks do not (yet)
        sendUntil(peer, peerFeed.get(0).packet(), "entry 1 of the peer's feed over the simulated air",
                () -> height(peerKey) == 1);
        List<FeedInfo> before = node.feeds();
        assertEquals(1, info(before, peerKey).incompleteChains());

        // 2. an RNode instead
        configurationAdmin.listConfigurations("(service.pid=" + simConfig + ")")[0].delete();
        Await.until("the simulated radio gone", () -> links("sim") == 0);
        try (RNodeAir rnodeAir = new RNodeAir(); RNodeModel rnode = new RNodeModel(rnodeAir)) {
            rnode.attach(Path.of(System.getProperty(SerialCable.FAR_END)));
            List<byte[]> heardFromNode = new java.util.concurrent.CopyOnWriteArrayList<>();
            rnodeAir.listen(frame -> heardFromNode.add(frame.bytes()));
            org.osgi.service.cm.Configuration radio = configurationAdmin.getConfiguration(RNODE_PID, "?");
            radio.update(props("port", System.getProperty(SerialCable.NODE_END), "plan", "main/AU915.a",
                    "tx.jitter.ms", 0L, "reconnect.ms", 200L));
            Await.until("the RNode set up and attached to the node", () -> links("rnode") == 1
                    && node.metrics().links().stream().anyMatch(l -> l.linkId().startsWith("rnode:")));
            assertEquals("feeds, heights, GOset indices and pending side chains unchanged", before, node.feeds());
            // half duplex, as a real radio: a chunk that arrives while the modem sends is lost, so
            // the peer sends them again each second until the chain is complete
            long deadline = System.nanoTime() + Await.DEFAULT.toNanos();
            while (info(node.feeds(), peerKey).incompleteChains() != 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the side chain not completed over the RNode within "
                            + Await.DEFAULT.toSeconds() + " s; modem heard " + rnode.heard() + " frames");
                }
                for (byte[] chunk : first.chunks()) {
                    rnodeAir.transmitAsRNode(rnode.tuning(), Crc32Frame.frame(chunk));
                }
                long next = System.nanoTime() + 1_000_000_000L;
                while (info(node.feeds(), peerKey).incompleteChains() != 0 && System.nanoTime() < next) {
                    Thread.sleep(20); // polling the node's state, bounded by the deadline
                }
            }
            EntryContent content = node.read(peerKey.feedId(), 1).orElseThrow();
            assertArrayEquals(longContent, content.available());
            Await.until("the node's rounds go out through the RNode, each with a valid CRC32",
                    () -> heardFromNode.stream().anyMatch(RadioSwapIT::validTinySsbFrame));
            radio.delete();
            Await.until("the RNode gone", () -> links("rnode") == 0);
        }

        // 3. back to the simulated radio
        startSimRadio();
        sendUntil(peer, peerFeed.get(1).packet(), "entry 2 over the simulated air again", () -> height(peerKey) == 2);
        assertEquals(node.feeds().size(), before.size());
        assertEquals(info(before, identity.nodeId()).height(), node.feed(identity.nodeId()).orElseThrow().height());
    }

    /**
     * Sends {@code packet} from the peer's radio, again every second until {@code arrived} (a frame
     * that met one of the node's own on the air is lost, half duplex, as on a real channel).
     */
    private static void sendUntil(SimRadio peer, byte[] packet, String what, java.util.function.BooleanSupplier arrived)
            throws InterruptedException {
        long deadline = System.nanoTime() + Await.DEFAULT.toNanos();
        while (!arrived.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + Await.DEFAULT.toSeconds() + " s: " + what + "; peer radio "
                        + peer.counters() + ", channel " + SimChannels.channel("swap").stats());
            }
            peer.send(packet);
            long next = System.nanoTime() + 1_000_000_000L;
            while (!arrived.getAsBoolean() && System.nanoTime() < next) {
                Thread.sleep(20); // polling the node's state, bounded by the deadline
            }
        }
    }

    private String startSimRadio() throws Exception {
        org.osgi.service.cm.Configuration sim = configurationAdmin.getFactoryConfiguration(SIM_PID,
                "swap-" + System.nanoTime(), "?");
        sim.update(props("channel", "swap", "plan", "main/EU868.a", "duty.cycle", 1.0, "tx.jitter.ms", 0L));
        Await.until("the simulated radio attached to the node", () -> links("sim") == 1
                && node.metrics().links().stream().anyMatch(l -> l.linkId().startsWith("sim:swap")));
        return sim.getPid();
    }

    /** An RNode frame on the air: its header byte, then a packet and its CRC32. */
    private static boolean validTinySsbFrame(byte[] onAir) {
        try {
            Crc32Frame.unframe(java.util.Arrays.copyOfRange(onAir, 1, onAir.length), onAir.length - 1);
            return true;
        } catch (org.tinyssb.codec.CodecException e) {
            return false;
        }
    }

    private long height(SigningKey key) {
        return node.feed(key.feedId()).map(FeedInfo::height).orElse(-1L);
    }

    private static FeedInfo info(List<FeedInfo> feeds, SigningKey key) {
        return info(feeds, key.feedId());
    }

    private static FeedInfo info(List<FeedInfo> feeds, org.tinyssb.api.FeedId id) {
        return feeds.stream().filter(f -> f.feed().equals(id)).findFirst().orElseThrow();
    }

    private int links(String driver) {
        try {
            return context.getServiceReferences(Link.class, "(tinyssb.radio.driver=" + driver + ")").size();
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Dictionary<String, Object> props(Object... keysAndValues) {
        Dictionary<String, Object> p = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }
}
