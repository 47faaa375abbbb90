package org.tinyssb.link.kit;

import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.tinyssb.api.link.Link;

/**
 * Registers a transport's {@link Link} services and withdraws them (whiteboard: the node attaches
 * to whatever is registered), including when the bundle is stopping and the framework withdrew
 * them first.
 */
public final class LinkRegistry {
    private final BundleContext context;
    private final String type;
    private final Map<Link, ServiceRegistration<Link>> registrations = new ConcurrentHashMap<>();

    /** @param type the transport's {@link Link#TYPE_PROPERTY} ({@code websocket}, {@code lora} ...) */
    public LinkRegistry(BundleContext context, String type) {
        this.context = context;
        this.type = type;
    }

    /** Registers {@code link} with its type and {@code properties}. */
    public void register(Link link, Map<String, ?> properties) {
        Hashtable<String, Object> props = new Hashtable<>(properties);
        props.put(Link.TYPE_PROPERTY, type);
        registrations.put(link, context.registerService(Link.class, link, props));
    }

    public void register(Link link) {
        register(link, Map.of());
    }

    public void unregister(Link link) {
        ServiceRegistration<Link> r = registrations.remove(link);
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // the bundle is stopping: the framework withdrew it already
            }
        }
    }

    public void unregisterAll() {
        registrations.keySet().forEach(this::unregister);
    }

    public int size() {
        return registrations.size();
    }
}
