package org.tinyssb.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ops4j.pax.exam.Option;
import org.tinyssb.launcher.FrameworkSettings;
import org.tinyssb.launcher.LaunchException;
import org.tinyssb.launcher.feature.BundleRepository;
import org.tinyssb.launcher.feature.FeatureBundle;
import org.tinyssb.launcher.feature.FeatureCatalog;
import org.tinyssb.launcher.feature.FeatureException;
import org.tinyssb.launcher.feature.MavenCoordinates;
import org.tinyssb.launcher.feature.ResolvedFeature;

/**
 * Pax Exam options that make the test framework a node: the bundles of a feature (read with the
 * launcher's own feature reader, from the built distribution), the host's SLF4J packages, and
 * FileInstall watching fresh deploy and config folders. Used on the test driver side only.
 */
final class NodeOptions {
    /** Framework property naming the test's deploy folder (read back inside the framework). */
    static final String DEPLOY_DIR = "tinyssb.itest.deploy";
    /** Framework property naming the test's config folder. */
    static final String CONFIG_DIR = "tinyssb.itest.config";
    /** System property: path of the fixture bundle jar. */
    static final String FIXTURE = "tinyssb.fixture";
    /** The jar of the example app (examples/hello-app). */
    static final String EXAMPLE_APP = "tinyssb.example.app";

    private NodeOptions() {
    }

    /**
     * The options of a node running {@code feature} with its own fresh folders, plus
     * {@code extraBundles} (Maven coordinates, started at level 20).
     */
    static Option[] node(String feature, String... extraBundles) {
        try {
            Path dist = Path.of(required("tinyssb.dist"));
            Path root = Files.createTempDirectory("tinyssb-itest-");
            // the framework runs in this JVM (native container): its folders go when the JVM ends
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root), "tinyssb-itest-cleanup"));
            Path data = Files.createDirectories(root.resolve("data"));
            Path deploy = Files.createDirectories(root.resolve("deploy"));
            Path config = Files.createDirectories(root.resolve("config"));

            ResolvedFeature resolved = new FeatureCatalog(Path.of(required("tinyssb.features")))
                    .resolve(feature);
            BundleRepository repository = new BundleRepository(List.of(dist.resolve("bundles")));
            List<Option> options = new ArrayList<>();
            for (FeatureBundle b : resolved.bundles()) {
                options.add(bundle(repository.resolve(b.id()).toUri().toString())
                        .startLevel(b.startOrder()).start());
            }
            for (String extra : extraBundles) {
                options.add(bundle(repository.resolve(MavenCoordinates.parse(extra)).toUri().toString())
                        .startLevel(20).start());
            }
            options.add(frameworkStartLevel(resolved.maxStartOrder()));
            options.add(systemPackages(FrameworkSettings.slf4jPackages()));
            options.add(frameworkProperty(FrameworkSettings.DATA_DIR).value(data.toString()));
            for (Map.Entry<String, String> p : FrameworkSettings.fileInstall(deploy, config).entrySet()) {
                options.add(frameworkProperty(p.getKey()).value(p.getValue()));
            }
            options.add(frameworkProperty(DEPLOY_DIR).value(deploy.toString()));
            options.add(frameworkProperty(CONFIG_DIR).value(config.toString()));
            options.add(systemProperty(FIXTURE).value(required(FIXTURE)));
            options.add(systemProperty(EXAMPLE_APP).value(required(EXAMPLE_APP)));
            options.add(systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("info"));
            // Pax Exam's logging takes over the JDK's System.Logger at DEBUG: keep JDK internals quiet
            options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("INFO"));
            options.add(junitBundles());
            return options.toArray(new Option[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FeatureException | LaunchException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temporary folder left behind is harmless
        }
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null) {
            throw new IllegalStateException("system property " + property
                    + " is not set: run the integration tests through Maven (mvn verify)");
        }
        return v;
    }
}
