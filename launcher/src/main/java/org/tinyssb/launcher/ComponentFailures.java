package org.tinyssb.launcher;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Components that failed to activate, read from Declarative Services' runtime service
 * ({@code ServiceComponentRuntime}, looked up by name: the launcher shares no classes with the
 * framework's bundles). A component whose constructor threw (an unreadable key file, a locked
 * folder) leaves its bundle active and the node half-running; the launcher asks here instead.
 */
final class ComponentFailures {
    static final String RUNTIME_SERVICE = "org.osgi.service.component.runtime.ServiceComponentRuntime";
    /** {@code ComponentConfigurationDTO.FAILED_ACTIVATION}. */
    private static final int FAILED_ACTIVATION = 16;
    /** How DS words the failure of a component whose dependency failed to activate. */
    private static final String CONSEQUENCE = "Unable to get service for reference";

    private ComponentFailures() {
    }

    /** One line per failed component: its name and the root cause's message. Empty without DS. */
    static List<String> of(BundleContext context) {
        List<String> out = new ArrayList<>();
        ServiceReference<?> ref = context.getServiceReference(RUNTIME_SERVICE);
        if (ref == null) {
            return out;
        }
        Object scr = context.getService(ref);
        try {
            Class<?> api = scr.getClass().getClassLoader().loadClass(RUNTIME_SERVICE);
            Class<?> descriptionType = api.getClassLoader()
                    .loadClass("org.osgi.service.component.runtime.dto.ComponentDescriptionDTO");
            // Bundle is the framework's own class, shared by the launcher and every bundle
            Method descriptions = api.getMethod("getComponentDescriptionDTOs", Bundle[].class);
            Method configurations = api.getMethod("getComponentConfigurationDTOs", descriptionType);
            for (Object d : (Collection<?>) descriptions.invoke(scr, (Object) new Bundle[0])) {
                for (Object c : (Collection<?>) configurations.invoke(scr, d)) {
                    if (field(c, "state") instanceof Integer state && state == FAILED_ACTIVATION) {
                        out.add("component " + field(d, "name") + " failed to start: "
                                + rootCause(String.valueOf(field(c, "failure"))));
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            out.add("cannot read the state of the node's components: " + e);
        } finally {
            context.ungetService(ref);
        }
        // a component that failed because another did is not news: name the cause only
        List<String> causes = out.stream().filter(l -> !l.contains(CONSEQUENCE)).toList();
        return causes.isEmpty() ? out : causes;
    }

    private static Object field(Object dto, String name) throws ReflectiveOperationException {
        Field f = dto.getClass().getField(name);
        return f.get(dto);
    }

    /**
     * The message of the innermost cause of a failure recorded as a stack trace: what the operator
     * can act on ("key file ... is corrupt ..."), without the reflection and framework layers.
     */
    static String rootCause(String failure) {
        String cause = null;
        for (String line : failure.split("\\R")) {
            String l = line.strip();
            if (cause == null && !l.isEmpty() && !l.startsWith("at ")) {
                cause = l;
            } else if (l.startsWith("Caused by: ")) {
                cause = l.substring("Caused by: ".length());
            }
        }
        if (cause == null) {
            return "(no reason given)";
        }
        // "java.io.IOException: key file ..." -> "key file ..."
        int colon = cause.indexOf(": ");
        return colon > 0 && cause.substring(0, colon).matches("[\\w.$]+") ? cause.substring(colon + 2) : cause;
    }
}
