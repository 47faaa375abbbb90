package org.tinyssb.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedInfo;
import org.tinyssb.api.FeedListener;
import org.tinyssb.api.IdentityService;
import org.tinyssb.api.NodeService;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.EntryContentCodec;
import org.tinyssb.codec.EntryName;
import org.tinyssb.codec.LogEntry;
import org.tinyssb.codec.SideChain;
import org.tinyssb.codec.SigningKey;

/** The node service in a running framework: publishing, reading, links and listeners as services. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NodeServiceIT {
    @Inject
    private BundleContext context;
    @Inject
    private NodeService node;
    @Inject
    private IdentityService identity;

    @Configuration
    public Option[] configuration() {
        return NodeOptions.node("minimal");
    }

    @Test
    public void contentsOfEveryShapeArePublishedAndReadBack() {
        int[] lengths = {0, 1, 27, 48, 100, 2048, 65536};
        Random random = new Random(5);
        List<byte[]> contents = new ArrayList<>();
        long first = -1;
        for (int length : lengths) {
            byte[] c = new byte[length];
            random.nextBytes(c);
            contents.add(c);
            long seq = node.publish(c);
            first = first < 0 ? seq : first;
        }
        for (int i = 0; i < lengths.length; i++) {
            EntryContent read = node.read(identity.nodeId(), first + i).orElseThrow();
            assertTrue(read.isComplete());
            assertArrayEquals("content of " + lengths[i] + " bytes", contents.get(i), read.available());
        }
        FeedInfo own = node.feed(identity.nodeId()).orElseThrow();
        assertTrue(own.local());
        assertEquals(first + lengths.length - 1, own.height());
        assertTrue(own.gosetIndex() >= 0);
    }

    @Test
    public void aLinkServiceBringsAFeedInAndListenersHearEveryContent() throws Exception {
        SigningKey bob = SigningKey.fromSeed(new byte[32]);
        List<byte[]> packets = new ArrayList<>();
        List<byte[]> contents = bobsFeed(bob, packets);
        assertTrue(node.follow(bob.feedId()));

        BlockingQueue<EntryContent> heard = new LinkedBlockingQueue<>();
        ServiceRegistration<FeedListener> listener = context.registerService(FeedListener.class,
                new FeedListener() {
                    @Override
                    public void contentComplete(EntryContent content) {
                        if (content.feed().equals(bob.feedId())) {
                            heard.add(content);
                        }
                    }
                }, null);
        TestLink link = new TestLink();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Link.TYPE_PROPERTY, "test");
        ServiceRegistration<Link> registration = context.registerService(Link.class, link, props);
        try {
            Await.until("the node to attach to the link", () -> link.receiver != null);
            Await.until("the node's first GOset claim on the link", () -> !link.sent.isEmpty());
            for (byte[] p : packets) {
                link.receiver.packetReceived(link, p);
            }
            for (int i = 0; i < contents.size(); i++) {
                EntryContent c = heard.poll(Await.DEFAULT.toSeconds(), TimeUnit.SECONDS);
                assertNotNull("content " + (i + 1) + " heard by the listener", c);
                assertEquals(i + 1, c.seq());
                assertArrayEquals(contents.get(i), c.available());
            }
            assertEquals(contents.size(), node.feed(bob.feedId()).orElseThrow().height());
            assertTrue(node.metrics().links().stream().anyMatch(l -> l.linkId().equals("test-link") && l.packetsIn() > 0));
        } finally {
            registration.unregister();
            listener.unregister();
        }
        assertEquals("the node let go of the link", null, link.receiver);
        assertFalse(node.metrics().links().stream().anyMatch(l -> l.linkId().equals("test-link")));
    }

    /** Bob's feed of 5 entries (one with a 2 KiB side chain), as packets in sending order. */
    private static List<byte[]> bobsFeed(SigningKey bob, List<byte[]> packets) {
        List<byte[]> contents = new ArrayList<>();
        byte[] prev = EntryName.genesisPrev(bob.feedId());
        for (int seq = 1; seq <= 5; seq++) {
            byte[] content;
            if (seq == 3) {
                content = new byte[2048];
                new Random(seq).nextBytes(content);
            } else {
                content = ("entry " + seq).getBytes();
            }
            contents.add(content);
            EntryContentCodec.Encoded e = EntryContentCodec.encode(content);
            LogEntry entry = Entries.sign(bob, seq, prev, e.type(), e.payload());
            packets.add(entry.packet());
            packets.addAll(e.chunks());
            prev = entry.messageId();
            assertEquals(seq == 3 ? 21 : 0, e.chunks().size());
            if (!e.chunks().isEmpty()) {
                assertArrayEquals(SideChain.hash(e.chunks().get(0)), SideChain.firstPointer(e.chunks()));
            }
        }
        return contents;
    }

    /** A link whose other end is this test. */
    static final class TestLink implements Link {
        volatile PacketReceiver receiver;
        final List<byte[]> sent = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "test-link";
        }

        @Override
        public LinkProfile profile() {
            return LinkProfile.stream(1024);
        }

        @Override
        public void attach(PacketReceiver r) {
            receiver = r;
        }

        @Override
        public boolean send(byte[] packet) {
            sent.add(packet);
            return true;
        }

        @Override
        public Map<String, Long> counters() {
            return Map.of();
        }
    }
}
