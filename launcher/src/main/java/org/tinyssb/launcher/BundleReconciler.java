package org.tinyssb.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the framework's persistent bundle cache match a feature: installs what is new, updates
 * bundles whose jar changed (same location, so their data area survives), and uninstalls the
 * feature bundles of an earlier start that the feature no longer names. Bundles that did not come
 * from a feature (hot-deployed, remotely deployed) are left alone.
 */
final class BundleReconciler {
    static final String LOCATION_PREFIX = org.tinyssb.launcher.resolve.FeatureResolver.FEATURE_LOCATION;
    private static final Logger LOG = LoggerFactory.getLogger(BundleReconciler.class);

    /** What changed. */
    record Result(int installed, int updated, int unchanged, int removed) {
        /** This pass after {@code first}, which went over part of the same plan: each bundle counted once. */
        Result after(Result first) {
            return new Result(first.installed + installed, first.updated + updated,
                    unchanged - first.installed - first.updated, first.removed + removed);
        }
    }

    private BundleReconciler() {
    }

    /**
     * @param stateFile remembers the SHA-256 of each installed jar, to notice changed jars of an
     *                  unchanged version (snapshots)
     */
    static Result reconcile(BundleContext context, List<PlannedBundle> plan, Path stateFile)
            throws LaunchException {
        return reconcile(context, plan, stateFile, true);
    }

    /**
     * @param removeStale whether feature bundles {@code plan} does not name go; without it (a first
     *                    pass over part of a plan) they stay, and so does what is known of them
     */
    static Result reconcile(BundleContext context, List<PlannedBundle> plan, Path stateFile, boolean removeStale)
            throws LaunchException {
        Properties state = load(stateFile);
        Properties newState = new Properties();
        if (!removeStale) {
            newState.putAll(state);
        }
        Set<String> wanted = new HashSet<>();
        int installed = 0;
        int updated = 0;
        int unchanged = 0;
        for (PlannedBundle p : plan) {
            String location = p.location();
            wanted.add(location);
            String hash = sha256(p.jar());
            Bundle b = context.getBundle(location);
            try {
                if (b == null) {
                    try (InputStream in = Files.newInputStream(p.jar())) {
                        b = context.installBundle(location, in);
                    }
                    installed++;
                    LOG.debug("installed {} from {}", p.bundle().id(), p.jar());
                } else if (!hash.equals(state.getProperty(location))) {
                    try (InputStream in = Files.newInputStream(p.jar())) {
                        b.update(in);
                    }
                    updated++;
                    LOG.info("updated {} from {}", p.bundle().id(), p.jar());
                } else {
                    unchanged++;
                }
                b.adapt(BundleStartLevel.class).setStartLevel(p.bundle().startOrder());
                if (isFragment(b)) {
                    continue;
                }
                if (p.autoStart()) {
                    b.start();
                } else {
                    b.stop(); // clears a persistent start from an earlier run
                }
            } catch (BundleException | IOException e) {
                throw new LaunchException(LaunchException.FAILED, "cannot install bundle "
                        + p.bundle().id() + " from " + p.jar() + ": " + e.getMessage(), e);
            }
            newState.setProperty(location, hash);
        }
        int removed = 0;
        for (Bundle b : context.getBundles()) {
            if (removeStale && b.getLocation().startsWith(LOCATION_PREFIX) && !wanted.contains(b.getLocation())) {
                try {
                    b.uninstall();
                    removed++;
                    LOG.info("uninstalled {}: the feature no longer names it", b.getSymbolicName());
                } catch (BundleException e) {
                    LOG.warn("cannot uninstall {}: {}", b.getSymbolicName(), e.getMessage());
                }
            }
        }
        store(newState, stateFile);
        return new Result(installed, updated, unchanged, removed);
    }

    static boolean isFragment(Bundle b) {
        BundleRevision r = b.adapt(BundleRevision.class);
        return r != null && (r.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private static String sha256(Path jar) throws LaunchException {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new LaunchException(LaunchException.FAILED, "cannot read bundle " + jar + ": " + e, e);
        }
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // only costs an update of every feature bundle this once
                LOG.warn("ignoring unreadable {}: {}", file, e.getMessage());
            }
        }
        return p;
    }

    private static void store(Properties p, Path file) throws LaunchException {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "SHA-256 of the jar behind each feature bundle (written by the launcher)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LaunchException(LaunchException.FAILED, "cannot write " + file + ": " + e, e);
        }
    }
}
