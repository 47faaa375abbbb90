package org.tinyssb.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/** The framework's bundles for the API: listed, started and stopped (never the framework, nor this console). */
final class FrameworkBundles implements ApiActions.Bundles {
    private final BundleContext context;

    FrameworkBundles(BundleContext context) {
        this.context = context;
    }

    @Override
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", b.getBundleId());
            m.put("name", b.getSymbolicName());
            m.put("version", b.getVersion().toString());
            m.put("state", state(b.getState()));
            out.add(m);
        }
        return out;
    }

    @Override
    public String change(long id, boolean start) {
        Bundle b = context.getBundle(id);
        if (b == null) {
            return "no bundle " + id + " (GET /api/bundles lists them)";
        }
        if (id == 0) {
            return "the framework itself is not started or stopped from here";
        }
        if (!start && b.getBundleId() == context.getBundle().getBundleId()) {
            return "this web console does not stop itself; use the shell (stop " + id + ")";
        }
        try {
            if (start) {
                b.start();
            } else {
                b.stop();
            }
            return null;
        } catch (BundleException | IllegalStateException e) {
            return (start ? "cannot start " : "cannot stop ") + b.getSymbolicName() + ": " + e.getMessage();
        }
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
