package org.tinyssb.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The unpacked distribution the launcher runs from:
 * {@code lib/} (this jar and its class path), {@code bundles/} (a Maven-layout repository of
 * every bundle a feature may name) and {@code features/}.
 */
public record Distribution(Path home) {
    /** System property overriding where the distribution is (for running from an IDE). */
    public static final String HOME_PROPERTY = "tinyssb.home";

    public Path featuresDir() {
        return home.resolve("features");
    }

    public Path bundlesDir() {
        return home.resolve("bundles");
    }

    /** The distribution this launcher jar belongs to: the parent of its {@code lib/} folder. */
    public static Distribution locate() throws LaunchException {
        String override = System.getProperty(HOME_PROPERTY);
        Path home;
        if (override != null) {
            home = Path.of(override);
        } else {
            try {
                Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                home = jar.getParent().getParent();
            } catch (URISyntaxException | NullPointerException e) {
                throw new LaunchException(LaunchException.FAILED,
                        "cannot tell where the distribution is; set -D" + HOME_PROPERTY, e);
            }
        }
        Distribution d = new Distribution(home.toAbsolutePath().normalize());
        if (!Files.isDirectory(d.featuresDir()) || !Files.isDirectory(d.bundlesDir())) {
            throw new LaunchException(LaunchException.FAILED, "no distribution at " + d.home()
                    + " (it needs features/ and bundles/): run the launcher from "
                    + "launcher/target/tinyssb-node, or set -D" + HOME_PROPERTY);
        }
        return d;
    }

    /** The launcher's version, from its jar manifest ("development" when run from classes). */
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
