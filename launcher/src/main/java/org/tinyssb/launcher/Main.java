package org.tinyssb.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.launcher.feature.BundleRepository;
import org.tinyssb.launcher.feature.FeatureBundle;
import org.tinyssb.launcher.feature.FeatureCatalog;
import org.tinyssb.launcher.feature.FeatureException;
import org.tinyssb.launcher.feature.ResolvedFeature;

/**
 * Starts a tinySSB node: checks the command line, the feature and the configuration folder,
 * embeds Apache Felix with the feature's bundles, prints the node's identity and bundles, and
 * runs until the shell exits or the process is told to stop (SIGTERM stops the framework
 * cleanly). Every problem the operator can fix ends the launch with one line on stderr and exit
 * code 2; a node that fails to start ends with exit code 1.
 */
public final class Main {
    private static final Duration NODE_ID_WAIT = Duration.ofSeconds(30);
    private static final Duration COMPONENTS_WAIT = Duration.ofSeconds(30);
    /** How long components get to fail after the identity service appeared (the rest activate meanwhile). */
    private static final Duration COMPONENTS_SETTLE = Duration.ofMillis(500);
    private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new Main(System.out, System.err).run(args, Distribution::locate);
        if (!SHUTTING_DOWN.get()) {
            System.exit(code); // the console thread may still be blocked reading stdin
        }
    }

    /** The launcher's version, the Java it runs on and the OSGi framework's, on one line. */
    static String versionLine() {
        return "tinyssb-node " + Distribution.version() + " (Java " + System.getProperty("java.version")
                + ", Apache Felix " + frameworkVersion() + ")";
    }

    /** The Bundle-Version of the framework jar on the class path. */
    private static String frameworkVersion() {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(java.nio.file.Path.of(org.apache.felix.framework.Felix.class
                .getProtectionDomain().getCodeSource().getLocation().toURI()).toFile())) {
            String v = jar.getManifest().getMainAttributes().getValue("Bundle-Version");
            return v == null ? "unknown" : v;
        } catch (java.io.IOException | java.net.URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Where the distribution comes from (tests give their own). */
    interface DistributionSource {
        Distribution get() throws LaunchException;
    }

    int run(String[] args, DistributionSource distributionSource) {
        if (args.length > 0 && args[0].equals("status")) {
            return new StatusCommand(out, err).run(List.of(args).subList(1, args.length));
        }
        if (args.length > 0 && args[0].equals("assemble")) {
            try {
                return new AssembleCommand(out, err).run(List.of(args).subList(1, args.length), distributionSource.get());
            } catch (LaunchException e) {
                err.println("tinyssb-node: " + e.getMessage());
                return e.exitCode();
            }
        }
        if (List.of(args).contains("--version") || List.of(args).contains("-V")) {
            out.println(versionLine());
            return 0;
        }
        try {
            LauncherOptions options = LauncherOptions.parse(args);
            if (options.help()) {
                out.println(LauncherOptions.USAGE);
                return 0;
            }
            configureLogging(options.logLevel());
            return launch(options, distributionSource.get());
        } catch (LaunchException e) {
            err.println("tinyssb-node: " + e.getMessage());
            if (e.getCause() != null) {
                LoggerFactory.getLogger(Main.class).debug("cause", e.getCause());
            }
            return e.exitCode();
        } catch (RuntimeException e) {
            err.println("tinyssb-node: unexpected error: " + e);
            LoggerFactory.getLogger(Main.class).error("unexpected error", e);
            return LaunchException.FAILED;
        }
    }

    private int launch(LauncherOptions options, Distribution dist) throws LaunchException {
        ResolvedFeature feature;
        List<PlannedBundle> plan = new ArrayList<>();
        try {
            feature = new FeatureCatalog(dist.featuresDir()).resolve(options.feature());
            BundleRepository repository = BundleRepository.forDistribution(dist.bundlesDir());
            for (FeatureBundle b : feature.bundles()) {
                Path jar = repository.resolve(b.id());
                plan.add(new PlannedBundle(b, jar, !NodeRuntime.isConsoleBundle(b.id().artifactId())));
            }
        } catch (FeatureException e) {
            throw LaunchException.badInput(e.getMessage());
        }
        createWritable(options.dataDir(), "data");
        try (DataFolderLock lock = DataFolderLock.acquire(options.dataDir())) {
            return launchLocked(options, dist, feature, plan);
        }
    }

    private int launchLocked(LauncherOptions options, Distribution dist, ResolvedFeature feature,
            List<PlannedBundle> plan) throws LaunchException {
        createWritable(options.deployDir(), "deploy");
        long startSpace = StartSpace.needed(options.dataDir(), plan);
        Optional<String> full = StartSpace.problem(options.dataDir(), startSpace, StartSpace::usable);
        if (full.isPresent()) {
            throw LaunchException.badInput(full.get());
        }
        ConfigFolder.prepare(options.configDir(), options.configExplicit());
        // the file log only now: the data folder is this node's (a second one on it ends above)
        Path logDir = options.dataDir().resolve("log");
        createWritable(logDir, "log");
        java.util.Map<String, ch.qos.logback.classic.Level> levels = LogSetup.levels(
                options.configDir().resolve(LogSetup.LEVELS_FILE));
        LogSetup.configure(options.logLevel(), levels, logDir);
        Logger log = LoggerFactory.getLogger(Main.class);
        for (Path written : ConfigFolder.seed(options.configDir(), feature.name(), feature.configurations())) {
            log.info("wrote default configuration {}", written);
        }

        NodeRuntime node = NodeRuntime.start(options, feature.maxStartOrder(), plan, dist.bundlesDir());
        LogLevels.register(node.framework().getBundleContext(), levels, options.logLevel()); // edits of the levels file apply while the node runs
        ShellConsole.register(node.framework().getBundleContext()); // log lines above the JLine shell's prompt
        node.awaitComponents(COMPONENTS_WAIT, COMPONENTS_SETTLE);
        Thread hook = new Thread(() -> {
            SHUTTING_DOWN.set(true);
            node.stop();
        }, "tinyssb-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        printBanner(options, feature, node);
        if (options.shell() && node.hasConsole()) {
            node.startConsole();
        }
        try {
            node.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.stop();
        }
        if (!SHUTTING_DOWN.get()) {
            Runtime.getRuntime().removeShutdownHook(hook);
            log.info("node stopped");
        }
        return 0;
    }

    private void printBanner(LauncherOptions options, ResolvedFeature feature, NodeRuntime node) {
        String nodeId = node.nodeId(NODE_ID_WAIT)
                .orElse("(none: no identity service, is org.tinyssb.core in the feature?)");
        BundleReconciler.Result r = node.reconciled();
        String shell = !node.hasConsole() ? "not in this feature"
                : options.shell() ? "Gogo on this console" + (node.terminalConsole() ? " (history and line editing)" : "")
                        + " ('lb' lists bundles, 'help' lists commands; Ctrl-D or 'stop 0' stops)"
                : "off (--no-shell)";
        out.println();
        out.println("tinyssb-node " + Distribution.version() + " running feature '" + feature.name() + "'"
                + (feature.chain().size() > 1 ? " (" + String.join(" + ", feature.chain()) + ")" : ""));
        out.println("  node id   " + nodeId);
        out.println("  data      " + options.dataDir());
        out.println("  config    " + options.configDir() + "   (watched: *.cfg)");
        out.println("  deploy    " + options.deployDir() + "   (watched: drop bundle jars here)");
        out.println("  bundles   " + r.installed() + " installed, " + r.updated() + " updated, "
                + r.unchanged() + " unchanged, " + r.removed() + " removed");
        out.println("  shell     " + shell);
        webConsoleLine(options, node).ifPresent(out::println);
        out.println();
        out.print(StatusReport.bundleTable(node.bundles()));
        out.println();
        out.flush();
    }

    /** Where the dashboard is, when the node runs the web bundle (its address from the config folder). */
    private static Optional<String> webConsoleLine(LauncherOptions options, NodeRuntime node) {
        boolean web = java.util.Arrays.stream(node.bundles()).anyMatch(b -> "org.tinyssb.web".equals(b.getSymbolicName()));
        if (!web) {
            return Optional.empty();
        }
        boolean felixConsole = java.util.Arrays.stream(node.bundles())
                .anyMatch(b -> "org.apache.felix.webconsole".equals(b.getSymbolicName()));
        String url = StatusCommand.configuredUrl(options.configDir());
        return Optional.of("  console   " + url + "/   (dashboard; 'tinyssb-node status' prints it as tables)"
                + (felixConsole ? "\n            " + url + "/system/console   (Felix Web Console: user admin, "
                        + "password in " + options.dataDir().resolve("web").resolve("token") + ")" : ""));
    }

    private static void createWritable(Path dir, String what) throws LaunchException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw LaunchException.badInput("cannot create " + what + " directory " + dir + ": " + e);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw LaunchException.badInput(what + " directory " + dir + " is not a writable directory");
        }
    }

    /** The console at {@code level} until the data folder is known to be this node's. */
    private static void configureLogging(String level) {
        LogSetup.configure(level, java.util.Map.of(), null);
    }
}
