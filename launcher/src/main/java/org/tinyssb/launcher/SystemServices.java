package org.tinyssb.launcher;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Dictionary;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Services the launcher registers in its framework although it is no bundle: the service's
 * interface class comes from the bundle that owns it, and the launcher's object is a proxy of it.
 */
final class SystemServices {
    /** What the proxy does for the interface's own methods ({@code equals} and the like are answered here). */
    @FunctionalInterface
    interface Calls {
        void call(String method, Object[] args) throws Exception;
    }

    private SystemServices() {
    }

    /**
     * Registers {@code calls} as a service of the interface {@code interfaceName} of bundle
     * {@code bundleName}; null when that bundle is not there (the feature has none).
     */
    static ServiceRegistration<?> register(BundleContext context, String bundleName, String interfaceName,
            Dictionary<String, ?> properties, Calls calls) throws ClassNotFoundException {
        for (Bundle b : context.getBundles()) {
            if (bundleName.equals(b.getSymbolicName())) {
                Class<?> type = b.loadClass(interfaceName);
                InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "launcher " + type.getSimpleName();
                    default -> {
                        calls.call(method.getName(), args);
                        yield defaultValue(method);
                    }
                };
                Object service = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
                return context.registerService(type.getName(), service, properties);
            }
        }
        return null;
    }

    private static Object defaultValue(Method method) {
        return method.getReturnType() == boolean.class ? Boolean.FALSE : null;
    }
}
