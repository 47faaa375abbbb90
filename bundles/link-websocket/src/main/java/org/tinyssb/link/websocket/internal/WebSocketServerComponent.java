package org.tinyssb.link.websocket.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.java_websocket.server.DefaultWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.link.kit.LinkCounter;
import org.tinyssb.link.kit.LinkRegistry;
import org.tinyssb.link.kit.WarningThrottle;

/**
 * Lets pubs, phones and other nodes connect: a WebSocket server whose every connection becomes a
 * link. Only configured nodes listen ({@code config/org.tinyssb.link.websocket.server.cfg}). What
 * a stranger can make it spend is bounded: connection slots overall and per address, handshakes
 * that must finish in time, connections that must not stay silent, frames of at most 1 KiB
 * (refused at their header), packets per second, and what waits to be written to each peer.
 */
@Component(configurationPid = WebSocketServerComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = WebSocketServerComponent.Config.class)
public final class WebSocketServerComponent {
    static final String PID = "org.tinyssb.link.websocket.server";
    static final String TYPE = "websocket";
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketServerComponent.class);
    private static final long START_TIMEOUT_SECONDS = 10;

    @ObjectClassDefinition(name = "tinySSB WebSocket server", description = "Accepts WebSocket connections as links.")
    public @interface Config {
        @AttributeDefinition(description = "Address to listen on: 127.0.0.1 for this machine only, 0.0.0.0 for all.")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "TCP port (the reference pub uses 8080).")
        int port() default 8080;

        @AttributeDefinition(description = "Path the clients connect to.")
        String path() default "/";

        @AttributeDefinition(description = "Connections held at the same time, handshakes pending included.")
        int max_connections() default 64;

        @AttributeDefinition(description = "Connections held at the same time from one address.")
        int max_connections_per_address() default 8;

        @AttributeDefinition(description = "Time a new connection has to complete its WebSocket handshake (ms).")
        long handshake_timeout_ms() default 10_000;

        @AttributeDefinition(description = "A connection on which the peer sends nothing for this long is closed (ms; 0: never).")
        long idle_timeout_ms() default 120_000;

        @AttributeDefinition(description = "Packets per second taken from one connection; more are dropped and counted.")
        int max_packets_per_second() default 20000;

        @AttributeDefinition(description = "Packets that may wait to be written to one peer; a peer that does not read "
                + "gets no more until it does.")
        int outbox_packets() default 1024;

        @AttributeDefinition(description = "Key store (PKCS12 or JKS) with this server's key and certificate: when set, "
                + "the server speaks wss:// (TLS) only.")
        String tls_keystore() default "";

        @AttributeDefinition(description = "Password of the key store and its key.", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
        String tls_keystore_password() default "";
    }

    private final Server server;
    private final ScheduledExecutorService janitor;

    @Activate
    public WebSocketServerComponent(BundleContext context, Config config) throws Exception {
        check(config);
        this.server = new Server(new InetSocketAddress(config.host(), config.port()), config,
                new LinkRegistry(context, TYPE));
        server.setReuseAddr(true);
        server.start();
        server.awaitStart();
        this.janitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tinyssb-ws-server-timeouts");
            t.setDaemon(true);
            return t;
        });
        janitor.scheduleWithFixedDelay(server::enforceTimeouts, 200, 200, TimeUnit.MILLISECONDS);
        LOG.info("WebSocket server listening on {}://{}:{}{} (at most {} connections, {} per address)",
                config.tls_keystore().isBlank() ? "ws" : "wss", config.host(), server.getPort(), config.path(),
                config.max_connections(), config.max_connections_per_address());
    }

    private static void check(Config c) {
        if (c.max_connections() < 1 || c.max_connections_per_address() < 1 || c.handshake_timeout_ms() < 1
                || c.idle_timeout_ms() < 0 || c.max_packets_per_second() < 1 || c.outbox_packets() < 1) {
            throw new IllegalArgumentException("max.connections, max.connections.per.address, handshake.timeout.ms, "
                    + "max.packets.per.second and outbox.packets must be positive, idle.timeout.ms not negative");
        }
    }

    /** The port the server listens on (the configured one, or the system's choice for port 0). */
    int port() {
        return server.getPort();
    }

    /** Connections refused so far, by any of the limits. */
    long refused() {
        return server.refused.get();
    }

    /** Connections holding a slot (handshakes pending included). */
    int slotsTaken() {
        return server.gate.size();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        janitor.shutdownNow();
        server.registry.unregisterAll();
        server.stop(2_000);
        LOG.info("WebSocket server stopped");
    }

    /** The server; one link per open connection. */
    static final class Server extends WebSocketServer {
        final LinkRegistry registry;
        final ConnectionGate gate;
        final AtomicLong refused = new AtomicLong();
        private final Config config;
        private final WarningThrottle warnings = new WarningThrottle(LOG, "WebSocket server");
        private final CountDownLatch started = new CountDownLatch(1);
        private final AtomicReference<Exception> startFailure = new AtomicReference<>();

        Server(InetSocketAddress address, Config config, LinkRegistry registry) {
            super(address, List.of(WebSockets.draft()));
            this.config = config;
            this.registry = registry;
            this.gate = new ConnectionGate(config.max_connections(), config.max_connections_per_address(),
                    config.handshake_timeout_ms(), System::nanoTime);
            setConnectionLostTimeout(30);
            // packets are small and answered in bursts: Nagle's delay (with the peer's delayed ACK,
            // ~40 ms) would split an answer and make the peer ask again for what is on its way
            setTcpNoDelay(true);
            WebSocketServerFactory inner = config.tls_keystore().isBlank() ? new DefaultWebSocketServerFactory()
                    : new DefaultSSLWebSocketServerFactory(WebSockets.tls(config.tls_keystore(),
                            config.tls_keystore_password(), true));
            setWebSocketFactory(new GatedFactory(inner));
        }

        /** Takes a slot for every accepted TCP connection before anything is read from it, or closes it. */
        private final class GatedFactory implements WebSocketServerFactory {
            private final WebSocketServerFactory inner;

            GatedFactory(WebSocketServerFactory inner) {
                this.inner = inner;
            }

            @Override
            public WebSocketImpl createWebSocket(WebSocketAdapter a, Draft d) {
                return inner.createWebSocket(a, d);
            }

            @Override
            public WebSocketImpl createWebSocket(WebSocketAdapter a, List<Draft> drafts) {
                return inner.createWebSocket(a, drafts);
            }

            @Override
            public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) throws IOException {
                InetSocketAddress from = (InetSocketAddress) channel.getRemoteAddress();
                ConnectionGate.Refusal no = gate.admit(key.attachment(), from.getAddress());
                if (no != null) {
                    refused.incrementAndGet();
                    warnings.warn("refused", "refused a connection from " + from.getAddress().getHostAddress()
                            + ": " + no.reason);
                    throw new IOException("refused: " + no.reason); // the server closes the channel
                }
                return inner.wrapChannel(channel, key);
            }

            @Override
            public void close() {
                inner.close();
            }
        }

        /** Closes handshakes that take too long and connections that stay silent. */
        void enforceTimeouts() {
            for (Object overdue : gate.sweep(c -> c instanceof WebSocketImpl w && w.isClosed())) {
                refused.incrementAndGet();
                warnings.warn("handshake", "closed a connection from " + ((WebSocketImpl) overdue).getRemoteSocketAddress()
                        + " that did not complete its handshake within " + config.handshake_timeout_ms() + " ms");
                ((WebSocketImpl) overdue).closeConnection(CloseFrame.NEVER_CONNECTED, "handshake timed out");
            }
            if (config.idle_timeout_ms() <= 0) {
                return;
            }
            for (WebSocket conn : getConnections()) {
                WebSocketLink link = conn.getAttachment();
                if (link != null && link.silentNanos() > config.idle_timeout_ms() * 1_000_000) {
                    warnings.info("idle", link.id() + ": closed after " + config.idle_timeout_ms() + " ms without a packet");
                    link.close(CloseFrame.GOING_AWAY, "idle");
                }
            }
        }

        void awaitStart() throws Exception {
            if (!started.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("WebSocket server did not start within " + START_TIMEOUT_SECONDS + " s");
            }
            Exception failure = startFailure.get();
            if (failure != null) {
                stop(1_000);
                // one line for the operator (the launcher shows the innermost message): no cause attached
                throw new IllegalStateException(failure instanceof java.net.BindException
                        ? "WebSocket server cannot listen on " + where() + ": the port is in use by another program "
                                + "(another node?); set another port in " + PID + ".cfg of the config folder, or stop "
                                + "that program"
                        : "WebSocket server cannot listen on " + where() + ": " + failure.getMessage());
            }
        }

        /** host:port as configured. */
        private String where() {
            return getAddress().getHostString() + ":" + getAddress().getPort();
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            gate.opened(conn);
            String path = handshake.getResourceDescriptor();
            if (!pathMatches(path)) {
                conn.close(CloseFrame.POLICY_VALIDATION, "no tinySSB here; connect to " + config.path());
                return;
            }
            String remote = String.valueOf(conn.getRemoteSocketAddress()).replaceFirst("^/", "");
            WebSocketLink link = new WebSocketLink("ws-in:" + remote, conn, config.outbox_packets(),
                    config.max_packets_per_second());
            conn.setAttachment(link);
            registry.register(link, Map.of("tinyssb.link.direction", "in", "tinyssb.link.remote", remote));
            LOG.info("{} connected", link.id());
        }

        private boolean pathMatches(String requested) {
            String p = requested == null ? "/" : requested.replaceFirst("\\?.*$", "");
            return p.equals(config.path()) || (p + "/").equals(config.path()) || p.equals(config.path() + "/");
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            gate.closed(conn);
            WebSocketLink link = conn.getAttachment();
            if (link != null) {
                registry.unregister(link);
                if (code == CloseFrame.TOOBIG) {
                    link.linkCounters().increment(LinkCounter.OVERSIZE);
                    warnings.warn("oversize", link.id() + " sent a frame over " + WebSockets.MAX_FRAME
                            + " bytes: closed before it was buffered");
                }
                LOG.info("{} closed ({} {})", link.id(), code, reason == null || reason.isEmpty() ? "" : reason);
            }
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            WebSocketLink link = conn.getAttachment();
            if (link != null) {
                link.receivedText(message);
            }
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
            WebSocketLink link = conn.getAttachment();
            if (link != null) {
                link.received(message);
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            if (conn == null && started.getCount() > 0) {
                startFailure.compareAndSet(null, ex); // said in one line by the component that fails to start
                started.countDown();
            } else if (conn == null) {
                LOG.error("WebSocket server: {}", ex.toString());
            } else {
                LOG.debug("connection {}: {}", conn.getRemoteSocketAddress(), ex.toString());
            }
        }
    }
}
