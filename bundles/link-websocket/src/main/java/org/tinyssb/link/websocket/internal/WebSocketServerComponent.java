package org.tinyssb.link.websocket.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
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

/**
 * Lets pubs, phones and other nodes connect: a WebSocket server whose every connection becomes a
 * link. Only configured nodes listen ({@code config/org.tinyssb.link.websocket.server.cfg}).
 */
@Component(configurationPid = WebSocketServerComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = WebSocketServerComponent.Config.class)
public final class WebSocketServerComponent {
    static final String PID = "org.tinyssb.link.websocket.server";
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

        @AttributeDefinition(description = "Connections accepted at the same time; further ones are refused.")
        int max_connections() default 64;

        @AttributeDefinition(description = "Packets per second taken from one connection; more are dropped and counted.")
        int max_packets_per_second() default 2000;
    }

    private final Server server;

    @Activate
    public WebSocketServerComponent(BundleContext context, Config config) throws Exception {
        this.server = new Server(new InetSocketAddress(config.host(), config.port()), config, new LinkRegistrar(context));
        server.setReuseAddr(true);
        server.start();
        server.awaitStart();
        LOG.info("WebSocket server listening on ws://{}:{}{}", config.host(), server.getPort(), config.path());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        server.registrar.unregisterAll();
        server.stop(2_000);
        LOG.info("WebSocket server stopped");
    }

    /** The server; one link per open connection. */
    static final class Server extends WebSocketServer {
        final LinkRegistrar registrar;
        private final Config config;
        private final CountDownLatch started = new CountDownLatch(1);
        private final AtomicReference<Exception> startFailure = new AtomicReference<>();

        Server(InetSocketAddress address, Config config, LinkRegistrar registrar) {
            super(address);
            this.config = config;
            this.registrar = registrar;
            setConnectionLostTimeout(30);
            // packets are small and answered in bursts: Nagle's delay (with the peer's delayed ACK,
            // ~40 ms) would split an answer and make the peer ask again for what is on its way
            setTcpNoDelay(true);
        }

        void awaitStart() throws Exception {
            if (!started.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("WebSocket server did not start within " + START_TIMEOUT_SECONDS + " s");
            }
            if (startFailure.get() != null) {
                stop(1_000);
                throw new IllegalStateException("WebSocket server cannot listen on " + getAddress() + ": "
                        + startFailure.get().getMessage(), startFailure.get());
            }
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            String path = handshake.getResourceDescriptor();
            if (!pathMatches(path)) {
                conn.close(CloseFrame.POLICY_VALIDATION, "no tinySSB here; connect to " + config.path());
                return;
            }
            if (getConnections().size() > config.max_connections()) {
                conn.close(CloseFrame.TRY_AGAIN_LATER, "too many connections");
                LOG.warn("refused a connection from {}: {} connections open", conn.getRemoteSocketAddress(),
                        config.max_connections());
                return;
            }
            String remote = String.valueOf(conn.getRemoteSocketAddress()).replaceFirst("^/", "");
            WebSocketLink link = new WebSocketLink("ws-in:" + remote, conn,
                    new InboundGuard(config.max_packets_per_second(), System::nanoTime));
            conn.setAttachment(link);
            registrar.register(link, "in", remote);
            LOG.info("{} connected", link.id());
        }

        private boolean pathMatches(String requested) {
            String p = requested == null ? "/" : requested.replaceFirst("\\?.*$", "");
            return p.equals(config.path()) || (p + "/").equals(config.path()) || p.equals(config.path() + "/");
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            WebSocketLink link = conn.getAttachment();
            if (link != null) {
                registrar.unregister(link);
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
            if (conn == null) {
                startFailure.compareAndSet(null, ex);
                started.countDown();
                LOG.error("WebSocket server: {}", ex.toString());
            } else {
                LOG.debug("connection {}: {}", conn.getRemoteSocketAddress(), ex.toString());
            }
        }
    }
}
