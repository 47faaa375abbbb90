package org.tinyssb.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.framework.Constants;
import org.slf4j.LoggerFactory;

/** The framework properties of a node: storage, exported host packages, watched folders. */
public final class FrameworkSettings {
    /** Framework property read by the node's components: the data directory. */
    public static final String DATA_DIR = "tinyssb.data.dir";
    /** Framework property: the watched configuration folder (the web console writes settings there). */
    public static final String CONFIG_DIR = "tinyssb.config.dir";
    /** How often FileInstall looks at the watched folders, in milliseconds. */
    static final String POLL_MILLIS = "1000";

    private FrameworkSettings() {
    }

    static Map<String, Object> forNode(LauncherOptions options, int beginningStartLevel) throws LaunchException {
        Map<String, Object> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, options.dataDir().resolve("framework").toString());
        p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(beginningStartLevel));
        p.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, slf4jPackages());
        p.put("felix.log.logger", new Slf4jFrameworkLogger());
        p.put("felix.log.level", Integer.toString(Slf4jFrameworkLogger.felixLevel()));
        p.put(DATA_DIR, options.dataDir().toString());
        p.put(CONFIG_DIR, options.configDir().toAbsolutePath().toString());
        p.putAll(fileInstall(options.deployDir(), options.configDir()));
        p.put("ds.loglevel", options.logLevel().equals("trace") ? "debug" : options.logLevel());
        // Felix's Jetty (feature web) waits for its configuration (port, host) instead of taking
        // 0.0.0.0:8080 first, where the WebSocket server listens
        p.put("org.apache.felix.http.require.config", "true");
        return p;
    }

    /** FileInstall watching the deploy folder (bundles) and the config folder (.cfg files). */
    public static Map<String, String> fileInstall(Path deployDir, Path configDir) {
        return Map.of(
                "felix.fileinstall.dir", deployDir + "," + configDir,
                "felix.fileinstall.poll", POLL_MILLIS,
                "felix.fileinstall.noInitialDelay", "true",
                "felix.fileinstall.filter", ".*\\.(jar|cfg|config)",
                "felix.fileinstall.bundles.new.start", "true",
                // the files are the source of truth: writing ConfigAdmin's state back into them
                // races with a person's edit and can undo it
                "felix.fileinstall.enableConfigSave", "false",
                "felix.fileinstall.log.level", "2");
    }

    /**
     * The SLF4J packages the host exports to bundles: exactly what the slf4j-api jar on the
     * launcher's class path exports, so bundles see the version that really runs. (As a bundle,
     * slf4j-api 2 would need an OSGi ServiceLoader mediator to find its provider.)
     */
    public static String slf4jPackages() throws LaunchException {
        try {
            Path jar = Path.of(LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Manifest m;
            if (jar.toFile().isDirectory()) {
                try (InputStream in = new java.io.FileInputStream(jar.resolve("META-INF/MANIFEST.MF").toFile())) {
                    m = new Manifest(in);
                }
            } else {
                try (JarFile f = new JarFile(jar.toFile())) {
                    m = f.getManifest();
                }
            }
            String exports = m == null ? null : m.getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            if (exports == null) {
                throw new LaunchException(LaunchException.FAILED, "slf4j-api at " + jar
                        + " has no Export-Package header");
            }
            return exports;
        } catch (IOException | URISyntaxException e) {
            throw new LaunchException(LaunchException.FAILED, "cannot read slf4j-api's manifest: " + e, e);
        }
    }
}
