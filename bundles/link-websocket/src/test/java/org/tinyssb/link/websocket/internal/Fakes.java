package org.tinyssb.link.websocket.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.tinyssb.api.link.Link;

/** Test doubles at the OSGi boundary: a bundle context that records registered links, and configurations. */
final class Fakes {
    private Fakes() {
    }

    /** Links registered through a fake bundle context, in order; withdrawn ones are removed. */
    static final class Registry {
        final List<Link> links = new CopyOnWriteArrayList<>();
        final List<Dictionary<String, ?>> properties = new CopyOnWriteArrayList<>();

        BundleContext context() {
            return (BundleContext) Proxy.newProxyInstance(Fakes.class.getClassLoader(),
                    new Class<?>[] {BundleContext.class}, (proxy, m, args) -> {
                        if (m.getName().equals("registerService")) {
                            Link link = (Link) args[1];
                            links.add(link);
                            properties.add((Dictionary<String, ?>) args[2]);
                            return registration(link);
                        }
                        return null;
                    });
        }

        private ServiceRegistration<Link> registration(Link link) {
            @SuppressWarnings("unchecked")
            ServiceRegistration<Link> r = (ServiceRegistration<Link>) Proxy.newProxyInstance(
                    Fakes.class.getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (proxy, m, args) -> {
                        if (m.getName().equals("unregister")) {
                            links.remove(link);
                        }
                        return null;
                    });
            return r;
        }
    }

    /** A component configuration: the annotation's defaults, with {@code overrides} by method name. */
    static <A extends Annotation> A config(Class<A> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (overrides.containsKey(m.getName())) {
                return overrides.get(m.getName());
            }
            Method def = type.getMethod(m.getName());
            return def.getDefaultValue();
        }));
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
