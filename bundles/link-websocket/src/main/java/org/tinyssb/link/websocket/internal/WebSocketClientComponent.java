package org.tinyssb.link.websocket.internal;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.link.Connector;

/**
 * Connects to pubs and other nodes ({@code ws://host:port/}): every address in {@code urls}, and
 * those asked for at runtime ({@link #connect}, the shell's {@code connect}), each kept up with
 * reconnects after a growing, jittered delay. Each open connection is a link.
 */
@Component(configurationPid = WebSocketClientComponent.PID, immediate = true,
        property = {Connector.SCHEME_PROPERTY + "=ws", Connector.SCHEME_PROPERTY + "=wss"})
@Designate(ocd = WebSocketClientComponent.Config.class)
public final class WebSocketClientComponent implements Connector {
    static final String PID = "org.tinyssb.link.websocket.client";
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketClientComponent.class);

    @ObjectClassDefinition(name = "tinySSB WebSocket client", description = "Keeps connections to pubs and nodes.")
    public @interface Config {
        @AttributeDefinition(description = "Addresses to keep connected, comma-separated (ws://host:port/).")
        String urls() default "";

        @AttributeDefinition(description = "First delay before reconnecting (ms).")
        long backoff_min_ms() default 1_000;

        @AttributeDefinition(description = "Longest delay between reconnection attempts (ms).")
        long backoff_max_ms() default 60_000;

        @AttributeDefinition(description = "Packets per second taken from one connection; more are dropped and counted.")
        int max_packets_per_second() default 2000;
    }

    private final Config config;
    private final LinkRegistrar registrar;
    private final ScheduledThreadPoolExecutor timer;
    private final Random random = new Random();
    private final Map<URI, Target> targets = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Activate
    public WebSocketClientComponent(BundleContext context, Config config) {
        this.config = config;
        this.registrar = new LinkRegistrar(context);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tinyssb-ws-reconnect");
            t.setDaemon(true);
            return t;
        });
        for (String url : config.urls().split(",")) {
            if (!url.isBlank()) {
                try {
                    connect(URI.create(url.strip()));
                } catch (IllegalArgumentException e) {
                    LOG.error("urls: '{}' is not a WebSocket address ({})", url.strip(), e.getMessage());
                }
            }
        }
    }

    @Deactivate
    void deactivate() {
        closed = true;
        timer.shutdownNow();
        targets.values().forEach(Target::stop);
        targets.clear();
        registrar.unregisterAll();
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
            out.add(new Connector.Target(t.address, link != null, link == null ? "" : link.id()));
        }
        return out;
    }

    /** One address kept connected. */
    private final class Target {
        final URI address;
        final Backoff backoff = new Backoff(config.backoff_min_ms(), config.backoff_max_ms(), random);
        volatile WebSocketClient client;
        volatile WebSocketLink link;
        volatile boolean stopped;

        Target(URI address) {
            this.address = address;
        }

        void attempt() {
            if (stopped || closed) {
                return;
            }
            WebSocketClient c = new WebSocketClient(address) {
                @Override
                public void onOpen(ServerHandshake handshake) {
                    backoff.reset();
                    WebSocketLink l = new WebSocketLink("ws-out:" + address, this,
                            new InboundGuard(config.max_packets_per_second(), System::nanoTime));
                    link = l;
                    registrar.register(l, "out", address.toString());
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
                        registrar.unregister(l);
                        LOG.info("{} closed ({} {})", l.id(), code, reason);
                    }
                    scheduleRetry();
                }

                @Override
                public void onError(Exception ex) {
                    LOG.debug("{}: {}", address, ex.toString());
                }
            };
            c.setConnectionLostTimeout(30);
            c.setTcpNoDelay(true); // as on the server: no Nagle delay inside an answer

            client = c;
            c.connect();
        }

        private void scheduleRetry() {
            if (stopped || closed) {
                return;
            }
            long delay = backoff.nextDelay();
            LOG.info("reconnecting to {} in {} ms", address, delay);
            try {
                timer.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
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
