package org.tinyssb.link.websocket.internal;

import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.tinyssb.api.link.Link;

/**
 * Registers a {@link Link} service for each open connection and withdraws it when the connection
 * closes: the node attaches to whatever links are registered (whiteboard).
 */
final class LinkRegistrar {
    static final String TYPE = "websocket";
    private final BundleContext context;
    private final Map<WebSocketLink, ServiceRegistration<Link>> registrations = new ConcurrentHashMap<>();

    LinkRegistrar(BundleContext context) {
        this.context = context;
    }

    void register(WebSocketLink link, String direction, String remote) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Link.TYPE_PROPERTY, TYPE);
        props.put("tinyssb.link.direction", direction);
        props.put("tinyssb.link.remote", remote);
        registrations.put(link, context.registerService(Link.class, link, props));
    }

    void unregister(WebSocketLink link) {
        ServiceRegistration<Link> r = registrations.remove(link);
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // the bundle is stopping: the framework withdrew it already
            }
        }
    }

    void unregisterAll() {
        registrations.keySet().forEach(this::unregister);
    }
}
