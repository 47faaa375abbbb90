package org.tinyssb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.tinyssb.api.NodeService;
import org.tinyssb.api.link.Link;

/**
 * The WebSocket and UDP link bundles in one running node: each can be stopped, started and
 * reconfigured while the other keeps its links and keeps replicating.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LinkLifecycleIT {
    private static final String SERVER_PID = "org.tinyssb.link.websocket.server";
    private static final String UDP_PID = "org.tinyssb.link.udp";

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configurationAdmin;
    @Inject
    private NodeService node;

    @Configuration
    public Option[] configuration() {
        return NodeOptions.node("minimal", "org.java-websocket:Java-WebSocket",
                "org.tinyssb:org.tinyssb.link.websocket", "org.tinyssb:org.tinyssb.link.udp");
    }

    @Test
    public void linkBundlesStopStartAndChangeWithoutDisturbingEachOther() throws Exception {
        int wsPort = freeTcpPort();
        configure(SERVER_PID, "host", "127.0.0.1", "port", wsPort);
        configure(UDP_PID, "group", "239.5.5.8", "port", freeUdpPort(), "interface.address", "127.0.0.1", "ttl", 0);

        // a peer on the WebSocket server (the JDK's client): its connection is a link of the node
        AtomicInteger packetsToPeer = new AtomicInteger();
        WebSocket peer = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + wsPort + "/"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                        packetsToPeer.incrementAndGet();
                        ws.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        try {
            Await.until("a WebSocket link and a UDP link attached to the node",
                    () -> linkService("websocket") != null && linkService("udp") != null && attached("ws-in:")
                            && attached("udp:"));
            long wsService = serviceId(linkService("websocket"));
            long udpService = serviceId(linkService("udp"));

            Bundle udp = bundle("org.tinyssb.link.udp");
            udp.stop();
            Await.until("the UDP link gone from the node", () -> linkService("udp") == null && !attached("udp:"));
            int before = packetsToPeer.get();
            Await.until("the WebSocket peer still served after the UDP bundle stopped",
                    () -> packetsToPeer.get() > before);
            assertEquals("the WebSocket link is the same one", wsService, serviceId(linkService("websocket")));

            udp.start();
            Await.until("the UDP link back", () -> linkService("udp") != null && attached("udp:"));
            assertNotEquals(udpService, serviceId(linkService("udp")));
            udpService = serviceId(linkService("udp"));

            configure(UDP_PID, "group", "239.5.5.8", "port", freeUdpPort(), "interface.address", "127.0.0.1",
                    "ttl", 0);
            long oldUdp = udpService;
            Await.until("the UDP link reopened on its new port",
                    () -> {
                        ServiceReference<Link> now = linkService("udp"); // once: it may go between two looks
                        return now != null && serviceId(now) != oldUdp && attached("udp:");
                    });
            assertEquals("the WebSocket link untouched by the UDP change", wsService,
                    serviceId(linkService("websocket")));
            assertFalse("the WebSocket peer still connected", peer.isInputClosed());
            udpService = serviceId(linkService("udp"));

            bundle("org.tinyssb.link.websocket").stop();
            Await.until("the WebSocket link gone", () -> linkService("websocket") == null && !attached("ws-in:"));
            assertEquals("the UDP link untouched by the WebSocket bundle stopping", udpService,
                    serviceId(linkService("udp")));
            assertTrue("the node still runs", node.feeds().size() >= 1);
        } finally {
            peer.abort();
        }
    }

    private ServiceReference<Link> linkService(String type) {
        try {
            var refs = context.getServiceReferences(Link.class, "(" + Link.TYPE_PROPERTY + "=" + type + ")");
            return refs.isEmpty() ? null : refs.iterator().next();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(org.osgi.framework.Constants.SERVICE_ID);
    }

    private boolean attached(String linkIdPrefix) {
        return node.metrics().links().stream().anyMatch(l -> l.linkId().startsWith(linkIdPrefix));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private void configure(String pid, Object... keysAndValues) throws Exception {
        Dictionary<String, Object> props = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        configurationAdmin.getConfiguration(pid, "?").update(props);
    }

    private static int freeTcpPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }
}
