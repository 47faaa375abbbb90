package org.tinyssb.link.websocket.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.link.Link;

/** The server and the client over real loopback sockets, each connection a registered link. */
class ServerClientTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final Fakes.Registry serverSide = new Fakes.Registry();
    private final Fakes.Registry clientSide = new Fakes.Registry();
    private WebSocketServerComponent server;
    private WebSocketClientComponent client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.deactivate();
        }
        if (server != null) {
            server.deactivate();
        }
    }

    private WebSocketServerComponent startServer(int port) throws Exception {
        return new WebSocketServerComponent(serverSide.context(), Fakes.config(WebSocketServerComponent.Config.class,
                Map.of("port", port, "path", "/tinyssb")));
    }

    private WebSocketClientComponent startClient(String urls) {
        return new WebSocketClientComponent(clientSide.context(), Fakes.config(WebSocketClientComponent.Config.class,
                Map.of("urls", urls, "backoff_min_ms", 50L, "backoff_max_ms", 200L)));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aPortInUseIsOneLineNamingThePortAndTheFileToChange() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> startServer(port));
            org.junit.jupiter.api.Assertions.assertEquals("WebSocket server cannot listen on 127.0.0.1:" + port
                    + ": the port is in use by another program (another node?); set another port in "
                    + "org.tinyssb.link.websocket.server.cfg of the config folder, or stop that program", e.getMessage());
            org.junit.jupiter.api.Assertions.assertNull(e.getCause(), "the launcher shows the innermost message: only this one");
        }
    }

    @Test
    void packetsTravelBothWaysOneMessageEach() throws Exception {
        int port = Fakes.freePort();
        server = startServer(port);
        client = startClient("ws://127.0.0.1:" + port + "/tinyssb");
        await("a link on each side", () -> serverSide.links.size() == 1 && clientSide.links.size() == 1);
        Link in = serverSide.links.get(0);
        Link out = clientSide.links.get(0);
        assertTrue(in.id().startsWith("ws-in:127.0.0.1:"), in.id());
        assertEquals("ws-out:ws://127.0.0.1:" + port + "/tinyssb", out.id());
        assertEquals("in", serverSide.properties.get(0).get("tinyssb.link.direction"));

        BlockingQueue<byte[]> atServer = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> atClient = new LinkedBlockingQueue<>();
        in.attach((link, p) -> atServer.add(p));
        out.attach((link, p) -> atClient.add(p));
        byte[] packet = new byte[120];
        packet[0] = 42;
        assertTrue(out.send(packet));
        assertArrayEquals(packet, atServer.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(in.send(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, atClient.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(1L, in.counters().get("in"));
        assertEquals(List.of(new org.tinyssb.api.link.Connector.Target(URI.create("ws://127.0.0.1:" + port + "/tinyssb"),
                true, out.id(), "up")), client.targets());
    }

    @Test
    void textAndWrongPathsAreRefusedAndAFrameOverOneKibCloses() throws Exception {
        int port = Fakes.freePort();
        server = startServer(port);
        RawClient raw = new RawClient(URI.create("ws://127.0.0.1:" + port + "/tinyssb"));
        assertTrue(raw.connectBlocking(WAIT.toSeconds(), TimeUnit.SECONDS));
        await("the link", () -> serverSide.links.size() == 1);
        Link in = serverSide.links.get(0);
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        in.attach((link, p) -> received.add(p));
        raw.send("hello, I am text");
        raw.send(new byte[120]);
        assertEquals(120, received.poll(WAIT.toSeconds(), TimeUnit.SECONDS).length, "a good packet still arrives");
        assertEquals(1L, in.counters().get("text"));
        assertTrue(raw.isOpen(), "a text message is dropped, the connection stays");
        raw.send(new byte[2048]);
        await("the link to go with a frame the library refuses at its header", () -> serverSide.links.isEmpty());
        assertEquals(1L, in.counters().get("oversize"));

        RawClient wrongPath = new RawClient(URI.create("ws://127.0.0.1:" + port + "/other"));
        wrongPath.connectBlocking(WAIT.toSeconds(), TimeUnit.SECONDS);
        await("the wrong path to be closed", () -> wrongPath.isClosed());
        assertTrue(serverSide.links.isEmpty());
    }

    @Test
    void theClientReconnectsWhenTheServerComesBack() throws Exception {
        int port = Fakes.freePort();
        client = startClient("ws://127.0.0.1:" + port + "/tinyssb");
        assertFalse(client.targets().get(0).connected(), "nothing listens yet");
        await("the reason in the target's status", () -> client.targets().get(0).status()
                .startsWith("down: connection refused; retrying in "));
        server = startServer(port);
        await("the client to connect once the server listens", () -> clientSide.links.size() == 1);
        server.deactivate();
        await("the client's link to go with the server", () -> clientSide.links.isEmpty());
        server = startServer(port);
        await("the client to reconnect", () -> clientSide.links.size() == 1);
    }

    @Test
    void aPubThatAlwaysSendsAnOversizeFrameIsRetriedLaterEachTime() throws Exception {
        int port = Fakes.freePort();
        List<Long> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.java_websocket.server.WebSocketServer pub = new org.java_websocket.server.WebSocketServer(
                new java.net.InetSocketAddress("127.0.0.1", port)) {
            @Override
            public void onOpen(org.java_websocket.WebSocket conn, org.java_websocket.handshake.ClientHandshake h) {
                accepted.add(System.nanoTime());
                conn.send(new byte[4096]); // over the client's frame limit: it closes
            }

            @Override
            public void onClose(org.java_websocket.WebSocket conn, int code, String reason, boolean remote) {
            }

            @Override
            public void onMessage(org.java_websocket.WebSocket conn, String message) {
            }

            @Override
            public void onError(org.java_websocket.WebSocket conn, Exception ex) {
            }

            @Override
            public void onStart() {
            }
        };
        pub.setReuseAddr(true);
        pub.start();
        try {
            client = new WebSocketClientComponent(clientSide.context(), Fakes.config(WebSocketClientComponent.Config.class,
                    Map.of("urls", "ws://127.0.0.1:" + port + "/", "backoff_min_ms", 100L, "backoff_max_ms", 1_600L)));
            await("five connections", () -> accepted.size() >= 5);
            long fourthGapMillis = (accepted.get(4) - accepted.get(3)) / 1_000_000;
            // 100, 200, 400, 800 ms: the connection that opened and broke the limit does not start them over
            // (before: 100 ms each time, every 1.5 s with the default 1 s)
            assertTrue(fourthGapMillis >= 700, "the fourth retry waited " + fourthGapMillis + " ms");
        } finally {
            pub.stop(1_000);
        }
    }

    @Test
    void withAKeyStoreTheServerSpeaksTlsAndAClientThatTrustsItConnectsOverWss(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path store = dir.resolve("node.p12");
        Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", "secret123", "-keypass", "secret123").redirectErrorStream(true)
                .start();
        String out = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), "keytool: " + out);
        int port = Fakes.freePort();
        server = new WebSocketServerComponent(serverSide.context(), Fakes.config(WebSocketServerComponent.Config.class,
                Map.of("port", port, "tls_keystore", store.toString(), "tls_keystore_password", "secret123")));
        client = new WebSocketClientComponent(clientSide.context(), Fakes.config(WebSocketClientComponent.Config.class,
                Map.of("urls", "wss://127.0.0.1:" + port + "/", "tls_truststore", store.toString(),
                        "tls_truststore_password", "secret123", "backoff_min_ms", 50L)));
        await("a link over TLS on each side", () -> serverSide.links.size() == 1 && clientSide.links.size() == 1);
        BlockingQueue<byte[]> atServer = new LinkedBlockingQueue<>();
        serverSide.links.get(0).attach((link, p) -> atServer.add(p));
        assertTrue(clientSide.links.get(0).send(new byte[] {9, 8, 7}));
        assertArrayEquals(new byte[] {9, 8, 7}, atServer.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void connectorAcceptsOnlyWebSocketAddressesAndKnowsWhatItKeeps() {
        client = startClient("");
        assertThrows(IllegalArgumentException.class, () -> client.connect(URI.create("http://example.org/")));
        URI pub = URI.create("ws://127.0.0.1:9/");
        assertTrue(client.connect(pub));
        assertFalse(client.connect(pub), "already kept");
        assertTrue(client.disconnect(pub));
        assertFalse(client.disconnect(pub));
        assertTrue(client.targets().isEmpty());
    }

    /** A plain client that can send what a tinySSB peer would not. */
    static final class RawClient extends WebSocketClient {
        RawClient(URI uri) {
            super(uri);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String message) {
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
        }

        @Override
        public void onError(Exception ex) {
        }
    }
}
