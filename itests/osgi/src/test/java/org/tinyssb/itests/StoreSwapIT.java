package org.tinyssb.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
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
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;
import org.osgi.framework.dto.ServiceReferenceDTO;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.IdentityService;
import org.tinyssb.api.NodeService;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.store.FeedStore;

/**
 * Both stores installed, the node switched between them by configuration while it runs: it keeps
 * serving, keeps its link, continues its own feed in sequence and carries that feed to each new
 * store.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoreSwapIT {
    private static final String NODE_PID = "org.tinyssb.core.node";

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configurationAdmin;
    @Inject
    private ServiceComponentRuntime scr;
    @Inject
    private IdentityService identity;
    @Inject
    private NodeService node;

    @Configuration
    public Option[] configuration() {
        return NodeOptions.node("minimal", "org.tinyssb:org.tinyssb.store.file");
    }

    @Test
    public void theNodeMovesBetweenStoresWhileRunningAndKeepsItsOwnFeed() throws Exception {
        useStore("memory");
        NodeServiceIT.TestLink link = new NodeServiceIT.TestLink();
        ServiceRegistration<Link> registration = context.registerService(Link.class, link, new Hashtable<>());
        try {
            Await.until("the node to attach to the link", () -> link.receiver != null);
            List<byte[]> contents = new ArrayList<>();
            long start = node.feed(identity.nodeId()).orElseThrow().height();
            publish(contents, 20);
            publish(contents, 2048);

            int sentBefore = link.sent.size();
            useStore("file");
            publish(contents, 48);
            assertOwnFeed(start, contents);
            Await.until("the node to run rounds on the link again", () -> link.sent.size() > sentBefore);
            Path feedFolder = Path.of(context.getProperty("tinyssb.data.dir"), "feeds", identity.nodeId().toHex());
            assertTrue("the file store holds the node's feed: " + feedFolder, Files.size(feedFolder.resolve("log.bin")) > 0);

            useStore("memory"); // the memory store kept the two entries it had; the third is copied over
            publish(contents, 300);
            assertOwnFeed(start, contents);
            assertTrue(link.receiver != null);
        } finally {
            registration.unregister();
        }
    }

    private void publish(List<byte[]> contents, int length) {
        byte[] c = new byte[length];
        new Random(length).nextBytes(c);
        long before = node.feed(identity.nodeId()).orElseThrow().height();
        assertEquals("entries continue in sequence", before + 1, node.publish(c));
        contents.add(c);
    }

    private void assertOwnFeed(long start, List<byte[]> contents) {
        for (int i = 0; i < contents.size(); i++) {
            EntryContent read = node.read(identity.nodeId(), start + 1 + i).orElseThrow();
            assertArrayEquals("entry " + (start + 1 + i), contents.get(i), read.available());
        }
    }

    private void useStore(String name) throws Exception {
        org.osgi.service.cm.Configuration c = configurationAdmin.getConfiguration(NODE_PID, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("store.target", "(" + FeedStore.NAME_PROPERTY + "=" + name + ")");
        c.update(props);
        Await.until("the node to run on the " + name + " store", Await.DEFAULT,
                () -> name.equals(boundStore()), this::describeNodeComponent);
    }

    /** The node component's configurations as the component runtime sees them, for failure messages. */
    private String describeNodeComponent() {
        StringBuilder out = new StringBuilder();
        for (Bundle b : context.getBundles()) {
            if ("org.tinyssb.core".equals(b.getSymbolicName())) {
                for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                    if (d.name.endsWith("NodeServiceComponent")) {
                        for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                            out.append("state ").append(c.state).append(", failure ").append(c.failure)
                                    .append(", unsatisfied ").append(java.util.Arrays.stream(c.unsatisfiedReferences)
                                            .map(u -> u.name + " " + u.target).toList());
                        }
                    }
                }
            }
        }
        return out.append("; bound store ").append(boundStore()).toString();
    }

    /** The name of the store the node component is bound to, from the component runtime. */
    private String boundStore() {
        for (Bundle b : context.getBundles()) {
            if (!"org.tinyssb.core".equals(b.getSymbolicName())) {
                continue;
            }
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                if (!d.name.endsWith("NodeServiceComponent")) {
                    continue;
                }
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    for (SatisfiedReferenceDTO r : c.satisfiedReferences) {
                        if (r.name.equals("store") && r.boundServices.length == 1) {
                            ServiceReferenceDTO s = r.boundServices[0];
                            return String.valueOf(s.properties.get(FeedStore.NAME_PROPERTY));
                        }
                    }
                }
            }
        }
        return null;
    }
}
