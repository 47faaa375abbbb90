package org.tinyssb.web.internal;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The framework's bundles for the API: listed with where they came from, started and stopped,
 * installed from an upload, updated and uninstalled. Never the framework nor this console; bundles
 * of the node's feature, of the deploy folder and of remote deployments change only where they
 * came from (the feature, the folder, a deployment instruction), or the next start, the folder's
 * watcher or the deployment would undo the change.
 */
final class FrameworkBundles implements ApiActions.Bundles {
    /** Framework location of bundles installed through the API. */
    static final String UPLOAD_PREFIX = "upload:";
    private static final String TRIAL_PREFIX = "upload-check:";
    private static final long REFRESH_WAIT_SECONDS = 30;

    private final BundleContext context;

    FrameworkBundles(BundleContext context) {
        this.context = context;
    }

    @Override
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(TRIAL_PREFIX)) {
                continue;
            }
            out.add(document(b));
        }
        return out;
    }

    private static Map<String, Object> document(Bundle b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.getBundleId());
        m.put("name", b.getSymbolicName());
        m.put("version", b.getVersion().toString());
        m.put("state", state(b.getState()));
        m.put("origin", origin(b));
        return m;
    }

    /** Where a bundle came from: framework, feature, deploy folder, deployment, upload, other. */
    static String origin(Bundle b) {
        String location = b.getLocation();
        if (b.getBundleId() == 0) {
            return "framework";
        } else if (location.startsWith("feature:")) {
            return "feature";
        } else if (location.startsWith("tinyssb-deploy:")) {
            return "deployment";
        } else if (location.startsWith(UPLOAD_PREFIX)) {
            return "upload";
        } else if (location.startsWith("file:")) {
            return "deploy folder";
        }
        return "other";
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

    @Override
    public ApiActions.Answer install(byte[] jar, UploadedBundle upload) {
        for (Bundle b : context.getBundles()) {
            if (upload.symbolicName().equals(b.getSymbolicName()) && !b.getLocation().startsWith(TRIAL_PREFIX)) {
                return ApiActions.Answer.refused(409, upload.symbolicName() + " is installed already as bundle "
                        + b.getBundleId() + " (" + b.getVersion() + "): POST the jar to /api/bundles/" + b.getBundleId()
                        + "/update");
            }
        }
        Bundle b;
        try {
            b = context.installBundle(UPLOAD_PREFIX + upload.symbolicName(), new ByteArrayInputStream(jar));
        } catch (BundleException e) {
            return ApiActions.Answer.refused(409, "the framework refuses the jar: " + e.getMessage());
        }
        try {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        } catch (BundleException | IllegalStateException e) {
            try {
                b.uninstall(); // all or nothing: a bundle that cannot start is not left behind
            } catch (BundleException | IllegalStateException ignored) {
                // it goes with the next refresh at the latest
            }
            return ApiActions.Answer.refused(409, upload.symbolicName() + " " + upload.version()
                    + " does not start, so it was not installed: " + e.getMessage());
        }
        return ApiActions.Answer.ok(document(b));
    }

    @Override
    public ApiActions.Answer update(long id, byte[] jar, UploadedBundle upload) {
        Bundle b = context.getBundle(id);
        String refused = changeable(b, id, "updated");
        if (refused != null) {
            return ApiActions.Answer.refused(b == null ? 404 : 409, refused);
        }
        if (!upload.symbolicName().equals(b.getSymbolicName())) {
            return ApiActions.Answer.refused(409, "bundle " + id + " is " + b.getSymbolicName() + "; the upload is "
                    + upload.symbolicName() + " (POST /api/bundles installs it as a bundle of its own)");
        }
        String unresolved = trialResolve(jar, upload);
        if (unresolved != null) {
            return ApiActions.Answer.refused(409, unresolved + "; bundle " + id + " stays as it was");
        }
        boolean wasActive = b.getState() == Bundle.ACTIVE;
        try {
            b.update(new ByteArrayInputStream(jar));
        } catch (BundleException | IllegalStateException e) {
            return ApiActions.Answer.refused(409, "the framework did not update it: " + e.getMessage());
        }
        refreshAndWait(b);
        Map<String, Object> m = document(b);
        if (wasActive && b.getState() != Bundle.ACTIVE) {
            try {
                b.start();
                m = document(b);
            } catch (BundleException | IllegalStateException e) {
                m.put("problem", "updated, but it does not start: " + e.getMessage());
            }
        }
        return ApiActions.Answer.ok(m);
    }

    @Override
    public ApiActions.Answer uninstall(long id) {
        Bundle b = context.getBundle(id);
        String refused = changeable(b, id, "uninstalled");
        if (refused != null) {
            return ApiActions.Answer.refused(b == null ? 404 : 409, refused);
        }
        Map<String, Object> m = document(b);
        try {
            b.uninstall();
        } catch (BundleException | IllegalStateException e) {
            return ApiActions.Answer.refused(409, "the framework did not uninstall it: " + e.getMessage());
        }
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(b));
        m.put("state", "UNINSTALLED");
        return ApiActions.Answer.ok(m);
    }

    /** Null if bundle {@code b} may be updated or uninstalled through the API, else why not. */
    private String changeable(Bundle b, long id, String what) {
        if (b == null) {
            return "no bundle " + id + " (GET /api/bundles lists them)";
        }
        if (b.getBundleId() == context.getBundle().getBundleId()) {
            return "this web console is not " + what + " by itself; use the shell or the deploy folder";
        }
        return switch (origin(b)) {
            case "framework" -> "the framework itself is not " + what + " from here";
            case "feature" -> b.getSymbolicName() + " is part of the node's feature: change the feature (the next start "
                    + "would undo it), or drop a jar in the deploy folder";
            case "deploy folder" -> b.getSymbolicName() + " comes from the deploy folder (" + b.getLocation()
                    + "): replace or remove the jar there";
            case "deployment" -> b.getSymbolicName() + " was deployed remotely: publish a deployment instruction";
            default -> null;
        };
    }

    /** Installs the jar where nothing uses it and resolves it: null if it resolves, else why not. */
    private String trialResolve(byte[] jar, UploadedBundle upload) {
        Bundle probe = null;
        try {
            probe = context.installBundle(TRIAL_PREFIX + upload.symbolicName() + ":" + System.nanoTime(),
                    new ByteArrayInputStream(jar));
            if (!context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(List.of(probe))) {
                return upload.symbolicName() + " " + upload.version() + " does not resolve here (it imports "
                        + probe.getHeaders().get(Constants.IMPORT_PACKAGE) + ")";
            }
            return null;
        } catch (BundleException e) {
            return "the framework refuses the jar: " + e.getMessage();
        } finally {
            if (probe != null) {
                try {
                    probe.uninstall();
                } catch (BundleException | IllegalStateException e) {
                    // gone with the next refresh
                }
            }
        }
    }

    /** Refreshes {@code b}'s wiring and waits (bounded) until the framework says it is done. */
    private void refreshAndWait(Bundle b) {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(b), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            done.await(REFRESH_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
