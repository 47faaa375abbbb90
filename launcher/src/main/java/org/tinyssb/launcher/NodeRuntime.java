package org.tinyssb.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;
import org.tinyssb.launcher.feature.FeatureBundle;
import org.tinyssb.launcher.feature.FeatureException;
import org.tinyssb.launcher.resolve.FeatureResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running node: the embedded framework provisioned with a feature's bundles. */
final class NodeRuntime {
    /** The bundle that owns the console; the launcher starts it after printing the banner. */
    static final String CONSOLE_BUNDLE = "org.apache.felix.gogo.shell";
    /** The same Gogo shell on JLine (history, line editing, completion): started instead when the console is a terminal. */
    static final String TERMINAL_CONSOLE_BUNDLE = "org.apache.felix.gogo.jline";

    /** Whether a console bundle is one the launcher starts itself (after the banner), not the framework. */
    static boolean isConsoleBundle(String artifactId) {
        return CONSOLE_BUNDLE.equals(artifactId) || TERMINAL_CONSOLE_BUNDLE.equals(artifactId);
    }
    /** The service whose node id the banner shows (looked up by name: no shared classes). */
    static final String IDENTITY_SERVICE = "org.tinyssb.api.IdentityService";
    static final String CORE_BUNDLE = "org.tinyssb.core";
    /** The identity service's property with the node's feed id in hex ({@code IdentityService.NODE_ID_PROPERTY}). */
    static final String NODE_ID_PROPERTY = "tinyssb.node.id";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);

    private final Framework framework;
    private final List<PlannedBundle> plan;
    private final Map<Long, Throwable> startErrors = new ConcurrentHashMap<>();
    private final BundleReconciler.Result reconciled;

    private NodeRuntime(Framework framework, List<PlannedBundle> plan, BundleReconciler.Result reconciled) {
        this.framework = framework;
        this.plan = plan;
        this.reconciled = reconciled;
    }

    /**
     * Starts the framework with {@code plan} and the bundles of {@code bundles/} it needs (resolved
     * against the repository index); fails if any of them does not start.
     */
    static NodeRuntime start(LauncherOptions options, int startLevel, List<PlannedBundle> plan, Path bundles)
            throws LaunchException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new LaunchException(LaunchException.FAILED,
                        "no OSGi framework on the class path"));
        // first only the runtime services of start level 1 (ConfigAdmin, MetaType): the
        // configuration folder is checked against the metatype before FileInstall hands it out
        long startSpace = StartSpace.needed(options.dataDir(), plan); // before the cache exists
        Framework framework = factory.newFramework(asFrameworkConfig(
                FrameworkSettings.forNode(options, VALIDATION_START_LEVEL)));
        NodeRuntime node;
        try {
            framework.init();
            Path state = options.dataDir().resolve("framework").resolve("feature-bundles.properties");
            // the feature's bundles first (installed, they tell the resolver what they need), then what
            // they need; bundles of earlier starts stay until the second pass, so what is kept is unchanged
            BundleReconciler.Result named = BundleReconciler.reconcile(framework.getBundleContext(), plan, state, false);
            List<PlannedBundle> completed = withWhatItNeeds(framework.getBundleContext(), plan, bundles);
            BundleReconciler.Result r = BundleReconciler.reconcile(framework.getBundleContext(), completed, state)
                    .after(named);
            node = new NodeRuntime(framework, completed, r);
        } catch (BundleException e) {
            stopQuietly(framework);
            throw StartSpace.failed("cannot initialise the framework", e, options.dataDir(), startSpace);
        } catch (LaunchException e) {
            stopQuietly(framework);
            throw e;
        }
        node.startFramework(options.configDir(), startLevel);
        return node;
    }

    /** {@code plan} and the bundles its bundles need without naming them, found by the resolver. */
    private static List<PlannedBundle> withWhatItNeeds(BundleContext context, List<PlannedBundle> plan, Path bundles)
            throws LaunchException {
        Map<String, Integer> mandatory = new java.util.HashMap<>();
        plan.forEach(p -> mandatory.put(p.location(), p.bundle().startOrder()));
        List<FeatureResolver.Addition> additions;
        try {
            additions = FeatureResolver.additions(context, mandatory, bundles);
        } catch (FeatureException e) {
            throw new LaunchException(LaunchException.FAILED, e.getMessage());
        }
        List<PlannedBundle> completed = new ArrayList<>(plan);
        for (FeatureResolver.Addition a : additions) {
            LOG.info("the feature needs {} (for {}): taken from bundles/, start level {}", a.id(), a.neededBy(),
                    a.startOrder());
            completed.add(new PlannedBundle(new FeatureBundle(a.id(), a.startOrder()), a.jar(), true));
        }
        return completed;
    }

    /**
     * The OSGi launch API types the configuration as strings; Felix also takes objects, which is
     * how its logger is handed over ({@code felix.log.logger}).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, String> asFrameworkConfig(Map<String, Object> properties) {
        return (Map) properties;
    }

    private volatile CountDownLatch levelChanged = new CountDownLatch(1);

    /** The start level at which the configuration is checked: runtime services, no components yet. */
    static final int VALIDATION_START_LEVEL = 1;

    private void startFramework(Path configDir, int startLevel) throws LaunchException {
        CountDownLatch started = new CountDownLatch(1);
        FrameworkListener listener = event -> {
            if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null) {
                startErrors.put(event.getBundle().getBundleId(), event.getThrowable());
            } else if (event.getType() == FrameworkEvent.STARTED) {
                started.countDown();
            } else if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
                levelChanged.countDown(); // after the ERROR events of the bundles it started: one queue
            }
        };
        framework.getBundleContext().addFrameworkListener(listener);
        try {
            framework.start();
            if (!started.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new LaunchException(LaunchException.FAILED, "the framework did not finish starting within "
                        + START_TIMEOUT.toSeconds() + " s");
            }
            checkConfiguration(configDir);
            raiseStartLevel(startLevel);
            List<String> failures = failedBundles();
            if (!failures.isEmpty()) {
                throw new LaunchException(LaunchException.FAILED, String.join("; ", failures));
            }
        } catch (BundleException e) {
            stopQuietly(framework);
            throw new LaunchException(LaunchException.FAILED, "the framework failed to start: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(framework);
            throw new LaunchException(LaunchException.FAILED, "interrupted while starting");
        } catch (LaunchException e) {
            stopQuietly(framework);
            throw e;
        }
    }

    /** The configuration folder against the installed bundles' metatype: bad values end the launch (exit 2). */
    private void checkConfiguration(Path configDir) throws LaunchException {
        List<String> problems;
        try {
            problems = ConfigValidation.check(configDir, ConfigValidation.described(framework.getBundleContext()));
        } catch (java.io.IOException e) {
            throw LaunchException.badInput("cannot read the config directory " + configDir + ": " + e.getMessage());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new LaunchException(LaunchException.FAILED, "cannot read the components' metatype: " + e, e);
        }
        if (!problems.isEmpty()) {
            throw LaunchException.badInput(String.join("; ", problems));
        }
    }

    /** Starts the rest of the bundles: the framework's start level up to {@code level}, waited for. */
    private void raiseStartLevel(int level) throws LaunchException, InterruptedException {
        if (level <= VALIDATION_START_LEVEL) {
            return;
        }
        CountDownLatch changed = new CountDownLatch(1);
        levelChanged = changed;
        // waited for through the framework listener, not one given here: that one may hear of the
        // change before the framework's listeners hear of the bundles that failed to start
        framework.adapt(org.osgi.framework.startlevel.FrameworkStartLevel.class).setStartLevel(level);
        if (!changed.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new LaunchException(LaunchException.FAILED, "the framework did not reach start level " + level
                    + " within " + START_TIMEOUT.toSeconds() + " s");
        }
    }

    private List<String> failedBundles() {
        List<String> failures = new ArrayList<>();
        BundleContext ctx = framework.getBundleContext();
        for (PlannedBundle p : plan) {
            Bundle b = ctx.getBundle(p.location());
            if (b == null || !p.autoStart() || BundleReconciler.isFragment(b)
                    || b.getState() == Bundle.ACTIVE) {
                continue;
            }
            Throwable error = startErrors.get(b.getBundleId());
            String reason = error == null ? "it is " + StatusReport.state(b.getState())
                    : oneLine(error.getMessage() == null ? error.toString() : error.getMessage());
            failures.add("bundle " + b.getSymbolicName() + " (" + p.bundle().id() + ") failed to start: "
                    + reason);
        }
        return failures;
    }

    /** A framework message on one line, without the repetition Felix appends to resolver errors. */
    static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").strip();
        int repeat = line.indexOf(" Unresolved requirements: ");
        return repeat > 0 ? line.substring(0, repeat) : line;
    }

    /**
     * Waits until the node's components have come up: the identity service is there (when the
     * feature has the core bundle) and nothing failed within a short settling time. A component
     * that failed to activate ends the launch: the framework is stopped (nothing half-running) and
     * the reason is one line per component.
     */
    void awaitComponents(Duration limit, Duration settle) throws LaunchException {
        long deadline = System.nanoTime() + limit.toNanos();
        long settledAt = Long.MAX_VALUE;
        BundleContext ctx = framework.getBundleContext();
        boolean hasCore = java.util.Arrays.stream(ctx.getBundles()).anyMatch(b -> CORE_BUNDLE.equals(b.getSymbolicName()));
        while (true) {
            List<String> failures = ComponentFailures.of(ctx);
            if (!failures.isEmpty()) {
                stopQuietly(framework);
                throw LaunchException.badInput(String.join("; ", failures));
            }
            long now = System.nanoTime();
            if (settledAt == Long.MAX_VALUE && (!hasCore || ctx.getServiceReference(IDENTITY_SERVICE) != null)) {
                settledAt = now + settle.toNanos();
            }
            if (now >= settledAt || now >= deadline) {
                return;
            }
            try {
                Thread.sleep(50); // polling the framework's component state, bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    BundleReconciler.Result reconciled() {
        return reconciled;
    }

    Framework framework() {
        return framework;
    }

    /**
     * The node's feed id as text, once the identity service is registered (it appears when the
     * core bundle's component activates, possibly a moment after the framework started).
     */
    Optional<String> nodeId(Duration wait) {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(framework.getBundleContext(),
                IDENTITY_SERVICE, null);
        tracker.open(true);
        try {
            if (tracker.waitForService(wait.toMillis()) == null) {
                return Optional.empty();
            }
            Object hex = tracker.getServiceReference().getProperty(NODE_ID_PROPERTY);
            return hex instanceof String h && h.matches("[0-9a-f]{64}") ? Optional.of(ssbId(h)) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            tracker.close();
        }
    }

    /** A feed id as people see it: {@code @<base64 of the key>.ed25519}. */
    static String ssbId(String hex) {
        return "@" + java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(hex)) + ".ed25519";
    }

    /** Whether the feature has a console shell to start. */
    boolean hasConsole() {
        return consoleBundle(CONSOLE_BUNDLE).isPresent() || consoleBundle(TERMINAL_CONSOLE_BUNDLE).isPresent();
    }

    /**
     * Whether the shell started is the JLine one: the feature has it and this console is a terminal
     * with a size (JLine's line editor spins on a terminal of width 0, as some pseudo-terminals are).
     */
    boolean terminalConsole() {
        Boolean known = terminalConsole;
        if (known == null) { // asked for the banner and again to start the shell: stty runs once
            known = System.console() != null && consoleBundle(TERMINAL_CONSOLE_BUNDLE).isPresent() && terminalColumns() > 0;
            terminalConsole = known;
        }
        return known;
    }

    private volatile Boolean terminalConsole;

    /** The console terminal's width as {@code stty size} reports it, 0 if it cannot tell. */
    static int terminalColumns() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .strip();
            if (!stty.waitFor(5, TimeUnit.SECONDS) || stty.exitValue() != 0) {
                return 0;
            }
            String[] parts = size.split("\\s+");
            return parts.length == 2 ? Integer.parseInt(parts[1]) : 0;
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * Starts the interactive shell (not persistently: the next launch decides again): on a terminal
     * the JLine one, else (input from a pipe, a test, a script) the plain one, which reads lines.
     */
    void startConsole() throws LaunchException {
        Optional<Bundle> console = terminalConsole() ? consoleBundle(TERMINAL_CONSOLE_BUNDLE) : consoleBundle(CONSOLE_BUNDLE);
        if (console.isEmpty()) {
            console = consoleBundle(TERMINAL_CONSOLE_BUNDLE);
        }
        if (console.isEmpty()) {
            return;
        }
        try {
            console.get().start(Bundle.START_TRANSIENT);
        } catch (BundleException e) {
            throw new LaunchException(LaunchException.FAILED, "cannot start the shell: " + e.getMessage(), e);
        }
    }

    private Optional<Bundle> consoleBundle(String symbolicName) {
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** Blocks until the framework has stopped (shell 'exit', 'stop 0', or {@link #stop}). */
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /** Stops the framework and waits (bounded) until every bundle has stopped. */
    void stop() {
        ShellConsole.reset();
        LOG.info("stopping the node");
        try {
            framework.stop();
            FrameworkEvent e = framework.waitForStop(STOP_TIMEOUT.toMillis());
            if (e.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.warn("the framework did not stop within {} s", STOP_TIMEOUT.toSeconds());
            } else {
                LOG.info("node stopped cleanly");
            }
        } catch (BundleException e) {
            LOG.warn("error while stopping: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stopQuietly(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT.toMillis());
        } catch (BundleException | InterruptedException | RuntimeException e) {
            LOG.debug("while stopping after a failed start", e);
        }
    }

    /** Bundles of the running framework, for the status table. */
    Bundle[] bundles() {
        return framework.getBundleContext().getBundles();
    }
}
