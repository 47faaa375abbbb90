package org.tinyssb.link.websocket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.link.Link;
import org.tinyssb.testkit.websocket.RawWebSocket;

/**
 * What a hostile peer can make the WebSocket transport spend, each bounded: memory for a peer
 * that never reads (server and client side), memory for a frame announcing 64 MiB, connection
 * slots for one address, slots held by handshakes that never finish.
 */
class HostilePeerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long MIB = 1 << 20;
    private final Fakes.Registry serverSide = new Fakes.Registry();
    private final Fakes.Registry clientSide = new Fakes.Registry();
    private final List<AutoCloseable> open = new ArrayList<>();
    private WebSocketServerComponent server;
    private WebSocketClientComponent client;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        if (client != null) {
            client.deactivate();
        }
        if (server != null) {
            server.deactivate();
        }
    }

    private WebSocketServerComponent server(Map<String, Object> settings) throws Exception {
        Map<String, Object> all = new java.util.HashMap<>(Map.of("port", 0, "path", "/"));
        all.putAll(settings);
        server = new WebSocketServerComponent(serverSide.context(), Fakes.config(WebSocketServerComponent.Config.class, all));
        return server;
    }

    private Socket connect(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout((int) WAIT.toMillis());
        open.add(s);
        return s;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10); // polling another thread's state, bounded by the deadline
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20); // a measurement pause: lets the collector settle
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Whether the other end closed {@code s} (read returns end of stream, or the connection was reset). */
    private static boolean closedByPeer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
            }
        } catch (SocketException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aPeerThatNeverReadsGetsAnOutboxFullNotUnboundedMemory() throws Exception {
        server(Map.of("outbox_packets", 64));
        Socket s = new Socket();
        s.setReceiveBufferSize(4096); // before connecting: the window stays small
        s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
        s.setSoTimeout((int) WAIT.toMillis());
        open.add(s);
        RawWebSocket.clientHandshake(s, "/");
        await("the link", () -> serverSide.links.size() == 1);
        WebSocketLink link = (WebSocketLink) serverSide.links.get(0);
        long before = heapAfterGc();
        int taken = 0;
        int mostQueued = 0;
        boolean sawCongested = false;
        for (int i = 0; i < 200_000; i++) {
            taken += link.send(new byte[120]) ? 1 : 0;
            mostQueued = Math.max(mostQueued, link.queued());
            sawCongested |= link.congested();
        }
        long grown = heapAfterGc() - before;
        assertTrue(mostQueued <= 64, "queued " + mostQueued);
        assertTrue(sawCongested, "the node is told to hold back its answers");
        // what the kernel's socket buffers take depends on the system (up to a few MB); the rest is refused
        assertTrue(taken < 100_000, "taken " + taken + " of 200,000: the socket's buffers and the outbox, no more");
        assertTrue(link.counters().get("outbox-full") > 100_000L, link.counters().toString());
        assertTrue(grown < 4 * MIB, "heap grew by " + grown / 1024 + " KiB");
    }

    @Test
    void aPubThatNeverReadsGetsAnOutboxFullFromTheClientToo() throws Exception {
        try (ServerSocket pub = new ServerSocket()) {
            pub.setReceiveBufferSize(4096); // for the connection it accepts: the window stays small
            pub.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            client = new WebSocketClientComponent(clientSide.context(), Fakes.config(WebSocketClientComponent.Config.class,
                    Map.of("urls", "ws://127.0.0.1:" + pub.getLocalPort() + "/", "outbox_packets", 64)));
            Socket s = pub.accept();
            open.add(s);
            RawWebSocket.serverHandshake(s);
            await("the client's link", () -> clientSide.links.size() == 1);
            WebSocketLink link = (WebSocketLink) clientSide.links.get(0);
            int mostQueued = 0;
            for (int i = 0; i < 200_000; i++) {
                link.send(new byte[120]);
                mostQueued = Math.max(mostQueued, link.queued());
            }
            assertTrue(mostQueued <= 64, "queued " + mostQueued);
            assertTrue(link.counters().get("outbox-full") > 100_000L, link.counters().toString());
        }
    }

    @Test
    void aFrameAnnouncing64MiBIsRefusedAtItsHeaderAndCostsLessThan2MiB() throws Exception {
        server(Map.of());
        Socket s = connect(server.port());
        RawWebSocket.clientHandshake(s, "/");
        await("the link", () -> serverSide.links.size() == 1);
        Link link = serverSide.links.get(0);
        long before = heapAfterGc();
        s.getOutputStream().write(RawWebSocket.frameHeader(64 * MIB, true));
        byte[] chunk = new byte[64 * 1024];
        long sent = 0;
        try {
            while (sent < 64 * MIB) {
                s.getOutputStream().write(chunk);
                sent += chunk.length;
            }
        } catch (SocketException e) {
            // the server closed the connection: what we want
        }
        await("the link to be withdrawn", () -> serverSide.links.isEmpty());
        long grown = heapAfterGc() - before;
        assertTrue(grown < 2 * MIB, "heap grew by " + grown / 1024 + " KiB for a 64 MiB frame");
        assertEquals(1L, link.counters().get("oversize"));
        assertTrue(sent < 64 * MIB, "the server did not read the frame whole: " + sent / MIB + " MiB sent");
    }

    @Test
    void aPubSending64MiBFramesCostsTheClientLessThan2MiB() throws Exception {
        try (ServerSocket pub = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            client = new WebSocketClientComponent(clientSide.context(), Fakes.config(WebSocketClientComponent.Config.class,
                    Map.of("urls", "ws://127.0.0.1:" + pub.getLocalPort() + "/", "backoff_min_ms", 60_000L)));
            Socket s = pub.accept();
            open.add(s);
            RawWebSocket.serverHandshake(s);
            await("the client's link", () -> clientSide.links.size() == 1);
            long before = heapAfterGc();
            s.getOutputStream().write(RawWebSocket.frameHeader(64 * MIB, false));
            byte[] chunk = new byte[64 * 1024];
            try {
                for (long sent = 0; sent < 64 * MIB; sent += chunk.length) {
                    s.getOutputStream().write(chunk);
                }
            } catch (SocketException e) {
                // the client closed the connection
            }
            await("the client's link to go", () -> clientSide.links.isEmpty());
            long grown = heapAfterGc() - before;
            assertTrue(grown < 2 * MIB, "heap grew by " + grown / 1024 + " KiB");
            await("the reason in the status", () -> client.targets().get(0).status().contains("over 1024 bytes"));
        }
    }

    @Test
    void oneAddressGetsItsShareOfTheSlotsNotAllOfThem() throws Exception {
        server(Map.of("max_connections", 10, "max_connections_per_address", 3));
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sockets.add(connect(server.port()));
        }
        await("three refused", () -> server.refused() == 3);
        assertEquals(3, server.slotsTaken());
        int closed = 0;
        for (Socket s : sockets.subList(3, 6)) {
            s.setSoTimeout(2_000);
            closed += closedByPeer(s) ? 1 : 0;
        }
        assertEquals(3, closed, "the connections beyond the share are closed at once");
        RawWebSocket.clientHandshake(sockets.get(0), "/");
        await("the first three can still become links", () -> serverSide.links.size() == 1);
    }

    @Test
    void handshakesThatNeverFinishGiveTheirSlotBackAfterTheTimeOut() throws Exception {
        server(Map.of("handshake_timeout_ms", 300L));
        Socket silent = connect(server.port());
        Socket halfway = connect(server.port());
        halfway.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes()); // and nothing more
        await("both to hold a slot", () -> server.slotsTaken() == 2);
        assertTrue(closedByPeer(silent), "the silent connection is closed");
        assertTrue(closedByPeer(halfway), "so is the one that stopped halfway");
        await("the slots to be free", () -> server.slotsTaken() == 0);
        assertFalse(serverSide.links.size() > 0);
    }
}
