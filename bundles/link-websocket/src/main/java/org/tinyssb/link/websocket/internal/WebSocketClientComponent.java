package org.tinyssb.link.websocket.internal;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.link.Connector;
import org.tinyssb.link.kit.LinkCounter;
import org.tinyssb.link.kit.LinkHealth;
import org.tinyssb.link.kit.LinkRegistry;
import org.tinyssb.link.kit.WarningThrottle;

/**
 * Connects to pubs and other nodes ({@code ws://host:port/}, {@code wss://} for pubs on the
 * internet): every address in {@code urls}, and those asked for at runtime ({@link #connect}, the
 * shell's {@code connect}), each kept up with reconnects after a growing, jittered delay. Each
 * open connection is a link. A pub is a stranger too: its frames are limited before they are
 * buffered, what waits for it is bounded, a handshake must finish in time, and every failure
 * says why (in the log, once per cause, and in the target's status).
 */
@Component(configurationPid = WebSocketClientComponent.PID, immediate = true,
        property = {Connector.SCHEME_PROPERTY + "=ws", Connector.SCHEME_PROPERTY + "=wss"})
@Designate(ocd = WebSocketClientComponent.Config.class)
public final class WebSocketClientComponent implements Connector {
    static final String PID = "org.tinyssb.link.websocket.client";
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketClientComponent.class);

    @ObjectClassDefinition(name = "tinySSB WebSocket client", description = "Keeps connections to pubs and nodes.")
    public @interface Config {
        @AttributeDefinition(description = "Addresses to keep connected, comma-separated (ws://host:port/ or wss://...).")
        String urls() default "";

        @AttributeDefinition(description = "First delay before reconnecting (ms).")
        long backoff_min_ms() default 1_000;

        @AttributeDefinition(description = "Longest delay between reconnection attempts (ms).")
        long backoff_max_ms() default 60_000;

        @AttributeDefinition(description = "Time to connect and complete the WebSocket handshake (ms).")
        long handshake_timeout_ms() default 10_000;

        @AttributeDefinition(description = "A connection on which the pub sends nothing for this long is closed and "
                + "made again (ms; 0: never).")
        long idle_timeout_ms() default 120_000;

        @AttributeDefinition(description = "Packets per second taken from one connection; more are dropped and counted.")
        int max_packets_per_second() default 20000;

        @AttributeDefinition(description = "Packets that may wait to be written to one pub; one that does not read gets "
                + "no more until it does.")
        int outbox_packets() default 1024;

        @AttributeDefinition(description = "Key store of certificates to trust for wss:// (empty: the system's).")
        String tls_truststore() default "";

        @AttributeDefinition(description = "Password of the trust store.", type = AttributeType.PASSWORD)
        String tls_truststore_password() default "";
    }

    private final Config config;
    private final LinkRegistry registry;
    private final SSLContext tls;
    private final ScheduledThreadPoolExecutor timer;
    private final WarningThrottle warnings = new WarningThrottle(LOG, "WebSocket client");
    private final Random random = new Random();
    private final Map<URI, Target> targets = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Activate
    public WebSocketClientComponent(BundleContext context, Config config) {
        if (config.handshake_timeout_ms() < 1 || config.idle_timeout_ms() < 0 || config.max_packets_per_second() < 1
                || config.outbox_packets() < 1 || config.backoff_min_ms() < 1) {
            throw new IllegalArgumentException("handshake.timeout.ms, max.packets.per.second, outbox.packets and "
                    + "backoff.min.ms must be positive, idle.timeout.ms not negative");
        }
        this.config = config;
        this.registry = new LinkRegistry(context, WebSocketServerComponent.TYPE);
        this.tls = config.tls_truststore().isBlank() ? null
                : WebSockets.tls(config.tls_truststore(), config.tls_truststore_password(), false);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tinyssb-ws-client");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        for (String url : config.urls().split(",")) {
            if (!url.isBlank()) {
                try {
                    connect(URI.create(url.strip()));
                } catch (IllegalArgumentException e) {
                    LOG.error("urls: '{}' is not a WebSocket address ({})", url.strip(), e.getMessage());
                }
            }
        }
        if (config.idle_timeout_ms() > 0) {
            timer.scheduleWithFixedDelay(this::closeIdle, 1, 1, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        closed = true;
        timer.shutdownNow();
        targets.values().forEach(Target::stop);
        targets.clear();
        registry.unregisterAll();
    }

    @Override
    public boolean connect(URI address) {
        String scheme = address.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme) || address.getHost() == null) {
            throw new IllegalArgumentException("not a ws:// or wss:// address: " + address);
        }
        Target fresh = new Target(address);
        if (targets.putIfAbsent(address, fresh) != null) {
            return false;
        }
        fresh.attempt();
        return true;
    }

    @Override
    public boolean disconnect(URI address) {
        Target t = targets.remove(address);
        if (t == null) {
            return false;
        }
        t.stop();
        return true;
    }

    @Override
    public List<Connector.Target> targets() {
        List<Connector.Target> out = new ArrayList<>();
        for (Target t : targets.values()) {
            WebSocketLink link = t.link;
            out.add(new Connector.Target(t.address, link != null, link == null ? "" : link.id(), t.health.toString()));
        }
        return out;
    }

    private void closeIdle() {
        for (Target t : targets.values()) {
            WebSocketLink link = t.link;
            if (link != null && link.silentNanos() > config.idle_timeout_ms() * 1_000_000) {
                warnings.info("idle", link.id() + ": nothing heard for " + config.idle_timeout_ms()
                        + " ms; connecting again");
                link.close(CloseFrame.GOING_AWAY, "idle");
            }
        }
    }

    /** One address kept connected. */
    private final class Target {
        final URI address;
        final Backoff backoff = new Backoff(config.backoff_min_ms(), config.backoff_max_ms(), random);
        volatile WebSocketClient client;
        volatile WebSocketLink link;
        volatile LinkHealth health = LinkHealth.connecting(System.currentTimeMillis());
        volatile String failure;
        volatile boolean stopped;
        /** When the current connection opened; 0 while none is open. */
        volatile long openedAtMillis;

        Target(URI address) {
            this.address = address;
        }

        void attempt() {
            if (stopped || closed) {
                return;
            }
            failure = null;
            WebSocketClient c = new WebSocketClient(address, WebSockets.draft(), Map.of(),
                    (int) Math.min(Integer.MAX_VALUE, config.handshake_timeout_ms())) {
                @Override
                public void onOpen(ServerHandshake handshake) {
                    openedAtMillis = System.currentTimeMillis(); // the delays start over once it held
                    WebSocketLink l = new WebSocketLink("ws-out:" + address, this, config.outbox_packets(),
                            config.max_packets_per_second());
                    link = l;
                    health = LinkHealth.up(System.currentTimeMillis());
                    registry.register(l, Map.of("tinyssb.link.direction", "out", "tinyssb.link.remote", address.toString()));
                    LOG.info("{} connected", l.id());
                }

                @Override
                public void onMessage(String message) {
                    WebSocketLink l = link;
                    if (l != null) {
                        l.receivedText(message);
                    }
                }

                @Override
                public void onMessage(ByteBuffer message) {
                    WebSocketLink l = link;
                    if (l != null) {
                        l.received(message);
                    }
                }

                @Override
                public void onClose(int code, String reason, boolean remote) {
                    WebSocketLink l = link;
                    link = null;
                    if (l != null) {
                        registry.unregister(l);
                        if (code == CloseFrame.TOOBIG) {
                            l.linkCounters().increment(LinkCounter.OVERSIZE);
                        }
                        LOG.info("{} closed ({} {})", l.id(), code, reason);
                    }
                    String why = failure != null ? failure
                            : code == CloseFrame.TOOBIG ? "the pub sent a frame over " + WebSockets.MAX_FRAME + " bytes"
                            : l == null ? "closed before the handshake (" + code + (reason.isEmpty() ? "" : " " + reason) + ")"
                            : "closed (" + code + (reason.isEmpty() ? "" : " " + reason) + ")";
                    scheduleRetry(why, code);
                }

                @Override
                public void onError(Exception ex) {
                    failure = WebSockets.cause(ex);
                    LOG.debug("{}: {}", address, ex.toString());
                }
            };
            c.setConnectionLostTimeout(30);
            c.setTcpNoDelay(true); // as on the server: no Nagle delay inside an answer
            if (tls != null && "wss".equals(address.getScheme())) {
                c.setSocketFactory(tls.getSocketFactory());
            }
            client = c;
            health = LinkHealth.connecting(System.currentTimeMillis());
            c.connect();
            try {
                timer.schedule(() -> handshakeDeadline(c), config.handshake_timeout_ms(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // the component is deactivating
            }
        }

        /** A server that accepted the connection but never answered the handshake. */
        private void handshakeDeadline(WebSocketClient c) {
            if (client == c && !c.isOpen() && !c.isClosed()) {
                failure = "no handshake within " + config.handshake_timeout_ms() + " ms";
                c.close();
            }
        }

        /** @param code the close code: with the address, the kind of log line (a pub's own words are not a kind) */
        private void scheduleRetry(String why, int code) {
            if (stopped || closed) {
                return;
            }
            long opened = openedAtMillis;
            openedAtMillis = 0;
            long delay = backoff.afterConnection(opened == 0 ? 0 : System.currentTimeMillis() - opened,
                    code == CloseFrame.TOOBIG);
            health = LinkHealth.down(why + "; retrying in " + (delay + 999) / 1000 + " s", System.currentTimeMillis());
            warnings.info(address + " " + code, address + ": " + why + "; reconnecting in " + delay + " ms");
            try {
                timer.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // the component is deactivating
            }
        }

        void stop() {
            stopped = true;
            WebSocketClient c = client;
            if (c != null) {
                c.close();
            }
        }
    }
}
