package org.tinyssb.deploy.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.AppListener;
import org.tinyssb.api.DataDirectory;
import org.tinyssb.link.kit.WarningThrottle;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedInfo;
import org.tinyssb.api.NodeService;
import org.tinyssb.codec.Sha256;
import org.tinyssb.deploy.Deployment;
import org.tinyssb.deploy.DeploymentService;
import org.tinyssb.deploy.FleetReport;

/**
 * Carries out deployment instructions from trusted feeds: when an instruction's content is
 * complete (the jar is in its side chain), the jar is checked against the signed SHA-256 and its
 * manifest against the instruction, tried for resolution in a throw-away installation, and only
 * then installed or updated in the running framework and started. Everything else is refused with
 * one log line. Each instruction is carried out once (remembered in {@code <data>/deploy/done.txt})
 * and its outcome reported in the node's own feed ({@code ["DPS", ref, outcome, detail]}).
 */
@Component(service = {AppListener.class, DeploymentService.class}, configurationPid = DeployComponent.PID,
        property = {AppListener.TAGS_PROPERTY + "=" + DeployCodec.DPL, AppListener.TAGS_PROPERTY + "=" + DeployCodec.DPS},
        immediate = true)
@Designate(ocd = DeployComponent.Config.class)
public final class DeployComponent implements AppListener, DeploymentService {
    static final String PID = "org.tinyssb.deploy";
    /** Framework location of deployed bundles (the launcher leaves them alone). */
    static final String LOCATION_PREFIX = "tinyssb-deploy:";
    private static final Logger LOG = LoggerFactory.getLogger(DeployComponent.class);

    @ObjectClassDefinition(name = "tinySSB remote deployment",
            description = "Bundles installed as trusted deployment feeds say.")
    public @interface Config {
        @AttributeDefinition(description = "Feed ids whose deployment instructions this node carries out, "
                + "comma-separated (@...=.ed25519 or hex). Empty: none.")
        String trusted_keys() default "";

        @AttributeDefinition(description = "Groups this node belongs to, comma-separated (e.g. north, pi): an "
                + "instruction for a group is carried out only by its nodes. Empty: no group.")
        String groups() default "";

        @AttributeDefinition(name = "Allow feature updates", description = "Whether trusted deployments may replace "
                + "bundles of the node's own feature (its core, store, links). Off: only bundles that deployments "
                + "installed are updated.")
        boolean allow_feature_updates() default false;
    }

    private final BundleContext context;
    private final NodeService node;
    private final Set<FeedId> trusted = new HashSet<>();
    private final Path doneFile;
    private final Path jarsDir;
    private final boolean allowFeatureUpdates;
    private final Set<String> groups = new java.util.TreeSet<>();
    /** The fleet's reports as read so far, and how far each feed has been read for them. */
    private final FleetView fleet = new FleetView();
    /** One instruction at a time, in the order the node hands them over. */
    private final Object work = new Object();
    /** Whether the node has handed over what it held when this component started (then strangers' news is shown). */
    private volatile boolean caughtUp;
    private static final long REFRESH_WAIT_SECONDS = 30;
    private final Set<String> done = new HashSet<>();
    /**
     * Per deployment feed and bundle, the latest entry carried out (not refused): an earlier
     * instruction whose content completes after it is superseded, so instructions apply in feed
     * order whatever order their jars arrive in. Kept in done.txt as {@code <feed> <seq> <bsn,...>}.
     */
    private final Map<String, Long> latestApplied = new java.util.HashMap<>();
    private final List<Deployment> deployments = new ArrayList<>();
    /** Outcomes kept in memory for {@link #deployments}, the latest. */
    static final int MAX_DEPLOYMENTS = 256;
    /** At most one log line a minute for instructions of untrusted keys, whoever sends how many. */
    private final WarningThrottle untrustedLines = new WarningThrottle(LOG, "deployment");

    @Activate
    public DeployComponent(BundleContext context, @Reference NodeService node, Config config) throws IOException {
        this.context = context;
        this.node = node;
        for (String k : config.trusted_keys().split(",")) {
            if (!k.isBlank()) {
                try {
                    trusted.add(FeedId.parse(k.strip()));
                } catch (IllegalArgumentException e) {
                    LOG.error("trusted.keys: '{}' is not a feed id ({}); ignored", k.strip(), e.getMessage());
                }
            }
        }
        Path dir = Files.createDirectories(DataDirectory.resolve(context.getProperty(DataDirectory.DATA_DIR_PROPERTY),
                "", "deploy"));
        allowFeatureUpdates = config.allow_feature_updates();
        for (String g : config.groups().split(",")) {
            if (!g.isBlank()) {
                groups.add(g.strip());
            }
        }
        doneFile = dir.resolve("done.txt");
        jarsDir = dir.resolve("jars");
        if (Files.exists(doneFile)) {
            for (String line : Files.readAllLines(doneFile, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ");
                if (parts.length < 2) {
                    continue;
                }
                done.add(parts[0] + " " + parts[1]);
                if (parts.length > 2) { // lines of earlier versions name no bundles
                    for (String bsn : parts[2].split(",")) {
                        latestApplied.merge(parts[0] + " " + bsn, Long.parseLong(parts[1]), Math::max);
                    }
                }
            }
        }
        LOG.info("deployment: {} trusted key(s), {} instruction(s) carried out before{}", trusted.size(), done.size(),
                groups.isEmpty() ? "" : ", groups " + String.join(", ", groups));
    }

    /**
     * The node hands over every deployment entry it holds, from the start of each feed, then the new
     * ones (on the app's own thread): so what arrived while this component was not running (or a key
     * trusted since) is carried out now. Reports feed the fleet view.
     */
    @Override
    public void entry(EntryContent c, Object content) {
        Optional<DeployCodec.Report> report = DeployCodec.report(content);
        if (report.isPresent()) {
            synchronized (fleet) {
                fleet.report(c.feed(), c.seq(), report.get());
            }
            return;
        }
        Optional<DeployCodec.Instruction> decoded;
        try {
            decoded = DeployCodec.instruction(content);
        } catch (DeployCodec.MalformedInstruction e) {
            synchronized (work) {
                if (trusted.contains(c.feed()) && !done.contains(key(c.feed(), c.seq()))) {
                    finish(c, new DeployCodec.Instruction("?", "?", "?", null, null), "refused", e.getMessage());
                }
            }
            return;
        }
        if (decoded.isEmpty()) {
            return;
        }
        if (trusted.contains(c.feed()) || node.feed(c.feed()).map(FeedInfo::local).orElse(false)) {
            synchronized (fleet) {
                fleet.instruction(Base64.getEncoder().encodeToString(c.messageId()), c.feed(), c.seq(),
                        decoded.get().summary());
            }
        }
        synchronized (work) {
            consider(c, decoded.get());
        }
    }

    @Override
    public void caughtUp() {
        caughtUp = true;
    }

    @Override
    public synchronized List<Deployment> deployments() {
        return List.copyOf(deployments);
    }

    @Override
    public List<FleetReport> fleet() {
        synchronized (fleet) {
            return fleet.rows();
        }
    }

    private static String key(FeedId feed, long seq) {
        return feed.toHex() + " " + seq;
    }

    /** Carries out instruction {@code i} of entry {@code c} once, if its key is trusted (and it is for this node). */
    private void consider(EntryContent c, DeployCodec.Instruction i) {
        if (done.contains(key(c.feed(), c.seq()))) {
            return;
        }
        if (!trusted.contains(c.feed())) {
            untrusted(c, i);
            return;
        }
        Optional<Long> later = laterApplied(c, i);
        if (later.isPresent()) {
            finish(c, i, "superseded", "#" + later.get() + " of the same feed, a later instruction for " + i.bsn()
                    + ", was carried out first (its jar arrived sooner): instructions apply in feed order");
            return;
        }
        if (i.group() != null && !groups.contains(i.group())) {
            // not marked done and not reported: once this node joins the group, it carries it out
            record(new Deployment(c.feed(), c.seq(), i.action(), i.bsn(), i.version(), "skipped", "for the nodes of group '"
                    + i.group() + "'; this node's groups: " + (groups.isEmpty() ? "none" : String.join(", ", groups))
                    + " (groups in config/org.tinyssb.deploy.cfg)"));
            return;
        }
        try {
            String outcome = i.isSet() ? installSet(i) : i.isInstall() ? install(i) : uninstall(i);
            finish(c, i, outcome, "");
        } catch (Refused e) {
            finish(c, i, "refused", e.getMessage());
        }
    }

    /** The running bundle {@code i} replaces (null for a new one), once its jar and its version are fine to deploy. */
    private Bundle validate(String bsnNamed, String versionNamed, byte[] sha256, byte[] jar, boolean rollback)
            throws Refused {
        if (!DeployCodec.sameHash(Sha256.digest(jar), sha256)) {
            throw new Refused("the jar of " + bsnNamed + " does not match its signed SHA-256");
        }
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            manifest = in.getManifest();
        } catch (IOException e) {
            throw new Refused("not a jar: " + e.getMessage());
        }
        String bsn = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        String version = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
        if (bsn == null || !bsn.split(";")[0].strip().equals(bsnNamed)
                || !Version.parseVersion(version).equals(Version.parseVersion(versionNamed))) {
            throw new Refused("the jar is " + bsn + " " + version + ", the instruction names " + bsnNamed + " "
                    + versionNamed);
        }
        Bundle existing = find(bsnNamed);
        if (existing != null && existing.getVersion().equals(Version.parseVersion(versionNamed))) {
            return existing;
        }
        if (existing != null && existing.getVersion().compareTo(Version.parseVersion(versionNamed)) > 0 && !rollback) {
            throw new Refused(bsnNamed + " " + versionNamed + " is older than the running " + existing.getVersion()
                    + ": versions only move forward (an instruction that arrived late); 'deploy rollback <jar>' "
                    + "publishes a signed rollback");
        }
        if (existing != null && !existing.getLocation().startsWith(LOCATION_PREFIX) && !allowFeatureUpdates) {
            throw new Refused(bsnNamed + " belongs to the node's feature (" + existing.getLocation() + "); deployments "
                    + "replace it only with allow.feature.updates = true in config/org.tinyssb.deploy.cfg");
        }
        return existing;
    }

    /** The later entry of {@code c}'s feed carried out for the bundles of {@code i} (all of a set's), if there is one. */
    private Optional<Long> laterApplied(EntryContent c, DeployCodec.Instruction i) {
        long latest = Long.MAX_VALUE;
        for (String bsn : bundlesOf(i)) {
            Long seq = latestApplied.get(c.feed().toHex() + " " + bsn);
            if (seq == null || seq <= c.seq()) {
                return Optional.empty();
            }
            latest = Math.min(latest, seq);
        }
        return Optional.of(latest);
    }

    private static List<String> bundlesOf(DeployCodec.Instruction i) {
        return i.isSet() ? i.members().stream().map(DeployCodec.Member::bsn).toList() : List.of(i.bsn());
    }

    private String install(DeployCodec.Instruction i) throws Refused {
        Bundle existing = validate(i.bsn(), i.version(), i.sha256(), i.jar(), i.isRollback());
        if (existing != null && existing.getVersion().equals(Version.parseVersion(i.version()))) {
            return "unchanged";
        }
        checkResolves(List.of(new DeployCodec.Member(i.bsn(), i.version(), i.sha256(), i.jar())));
        try {
            Bundle b;
            String outcome;
            if (existing != null) {
                try {
                    existing.update(new ByteArrayInputStream(i.jar())); // an active bundle is restarted by it
                } catch (BundleException e) {
                    if (!existing.getVersion().equals(Version.parseVersion(i.version()))) {
                        throw e; // not updated: it runs as before
                    }
                    throw new Refused(i.version() + " does not start (" + e.getMessage() + "); "
                            + restore(existing, i.bsn()));
                }
                refreshAndWait(existing); // started below only once its wiring is the new one
                b = existing;
                outcome = i.isRollback() ? "rolled back" : "updated";
            } else {
                b = context.installBundle(LOCATION_PREFIX + i.bsn(), new ByteArrayInputStream(i.jar()));
                outcome = "installed";
            }
            try {
                b.start();
            } catch (BundleException e) {
                if (existing == null) {
                    b.uninstall();
                    throw new Refused("it does not start: " + e.getMessage());
                }
                throw new Refused(i.version() + " does not start (" + e.getMessage() + "); " + restore(existing, i.bsn()));
            }
            keep(i.bsn(), i.jar());
            return outcome;
        } catch (BundleException e) {
            throw new Refused("the framework did not take it: " + e.getMessage());
        }
    }

    /** The jar of the version of {@code bsn} that last started, kept to roll an update back to. */
    private void keep(String bsn, byte[] jar) {
        try {
            Files.createDirectories(jarsDir);
            Path tmp = jarsDir.resolve(bsn + ".jar.tmp");
            Files.write(tmp, jar);
            Files.move(tmp, jarsDir.resolve(bsn + ".jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot keep the jar of {} for a rollback: {}", bsn, e.toString());
        }
    }

    /** Puts the version of {@code b} that last started back (after an update that does not start); says what it did. */
    private String restore(Bundle b, String bsn) {
        Path kept = jarsDir.resolve(bsn + ".jar");
        if (!Files.exists(kept)) {
            return "no earlier jar of it is kept here, so it stays installed, not started";
        }
        try (java.io.InputStream in = Files.newInputStream(kept)) {
            b.update(in);
            refreshAndWait(b);
            b.start();
            return "rolled back to " + b.getVersion() + ", which runs";
        } catch (IOException | BundleException | Refused | IllegalStateException e) {
            return "rolling back to the earlier jar failed too: " + e.getMessage();
        }
    }

    private void refreshAndWait(Bundle b) throws Refused {
        refreshAndWait(List.of(b));
    }

    /** Refreshes the bundles' wiring and waits (bounded) until the framework says it is done. */
    private void refreshAndWait(List<Bundle> bundles) throws Refused {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(bundles, event -> {
            if (event.getType() == org.osgi.framework.FrameworkEvent.PACKAGES_REFRESHED
                    || event.getType() == org.osgi.framework.FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            if (!done.await(REFRESH_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new Refused("the framework did not finish refreshing it within " + REFRESH_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted while the framework refreshed it");
        }
    }

    /**
     * Installs the jars at throw-away locations and resolves them there, together, so that a bad one
     * never replaces a good one.
     */
    private void checkResolves(List<DeployCodec.Member> members) throws Refused {
        List<Bundle> probes = new ArrayList<>();
        try {
            for (DeployCodec.Member m : members) {
                probes.add(context.installBundle("tinyssb-deploy-check:" + m.bsn() + ":" + System.nanoTime(),
                        new ByteArrayInputStream(m.jar())));
            }
            context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(probes);
            for (Bundle probe : probes) {
                if ((probe.getState() & (Bundle.INSTALLED | Bundle.UNINSTALLED)) != 0) {
                    throw new Refused((members.size() > 1 ? probe.getSymbolicName() + " " : "")
                            + "does not resolve in this framework (imports: "
                            + probe.getHeaders().get(Constants.IMPORT_PACKAGE) + ")");
                }
            }
        } catch (BundleException e) {
            throw new Refused("the framework refuses the jar: " + e.getMessage());
        } finally {
            for (Bundle probe : probes) {
                try {
                    probe.uninstall();
                } catch (BundleException | IllegalStateException e) {
                    LOG.warn("could not remove the trial installation of {}: {}", probe.getSymbolicName(), e.toString());
                }
            }
        }
    }

    /**
     * Several bundles, all or none: each checked as an install is, resolved together at throw-away
     * locations, then installed or updated and started; if one does not start (or the framework
     * takes one not), the new ones are uninstalled and the updated ones go back to the jars that
     * ran before, and the outcome says so.
     */
    private String installSet(DeployCodec.Instruction set) throws Refused {
        List<DeployCodec.Member> changed = new ArrayList<>();
        Map<DeployCodec.Member, Bundle> replaced = new java.util.LinkedHashMap<>();
        for (DeployCodec.Member m : set.members()) {
            Bundle existing = validate(m.bsn(), m.version(), m.sha256(), m.jar(), false);
            if (existing == null || !existing.getVersion().equals(Version.parseVersion(m.version()))) {
                changed.add(m);
                if (existing != null) {
                    replaced.put(m, existing);
                }
            }
        }
        if (changed.isEmpty()) {
            return "unchanged";
        }
        checkResolves(changed);
        List<Bundle> installed = new ArrayList<>();
        List<DeployCodec.Member> updated = new ArrayList<>();
        Map<DeployCodec.Member, Bundle> bundleOf = new java.util.HashMap<>(replaced);
        try {
            for (DeployCodec.Member m : changed) {
                Bundle existing = replaced.get(m);
                if (existing != null) {
                    existing.stop(); // started with the rest, once every one is in place
                    existing.update(new ByteArrayInputStream(m.jar()));
                    updated.add(m);
                } else {
                    Bundle b = context.installBundle(LOCATION_PREFIX + m.bsn(), new ByteArrayInputStream(m.jar()));
                    installed.add(b);
                    bundleOf.put(m, b);
                }
            }
            if (!updated.isEmpty()) {
                refreshAndWait(updated.stream().map(replaced::get).toList());
            }
            for (DeployCodec.Member m : changed) {
                try {
                    bundleOf.get(m).start();
                } catch (BundleException e) {
                    throw new Refused(m.bsn() + " " + m.version() + " does not start (" + e.getMessage() + "); "
                            + undo(installed, updated, replaced));
                }
            }
        } catch (BundleException e) {
            throw new Refused("the framework did not take the set: " + e.getMessage() + "; " + undo(installed, updated,
                    replaced));
        }
        for (DeployCodec.Member m : changed) {
            keep(m.bsn(), m.jar());
        }
        return replaced.isEmpty() ? "installed" : "updated";
    }

    /** Takes a set back: the bundles it installed go, those it updated get the jars that ran before. */
    private String undo(List<Bundle> installed, List<DeployCodec.Member> updated, Map<DeployCodec.Member, Bundle> replaced) {
        for (Bundle b : installed) {
            try {
                b.uninstall();
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("could not uninstall {} while taking a set back: {}", b.getSymbolicName(), e.toString());
            }
        }
        List<String> restored = new ArrayList<>();
        for (DeployCodec.Member m : updated) {
            restored.add(restore(replaced.get(m), m.bsn()));
        }
        return "none of the set kept: " + (installed.isEmpty() ? "" : installed.size() + " new bundle(s) uninstalled")
                + (installed.isEmpty() || restored.isEmpty() ? "" : ", ")
                + (restored.isEmpty() ? "" : String.join(", ", restored));
    }

    private String uninstall(DeployCodec.Instruction i) throws Refused {
        Bundle b = find(i.bsn());
        if (b == null || !(i.version().equals("*") || b.getVersion().equals(Version.parseVersion(i.version())))) {
            return "unchanged";
        }
        if (!b.getLocation().startsWith(LOCATION_PREFIX)) {
            throw new Refused(i.bsn() + " belongs to the node's feature, not to deployments");
        }
        try {
            b.uninstall();
            return "uninstalled";
        } catch (BundleException e) {
            throw new Refused("uninstall failed: " + e.getMessage());
        }
    }

    private Bundle find(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName()) && !b.getLocation().startsWith("tinyssb-deploy-check:")) {
                return b;
            }
        }
        return null;
    }

    /**
     * An instruction of a key this node does not trust: shown in {@link #deployments} and, at most
     * once a minute, in the log, but nothing is written (no report in the node's feed, nothing
     * marked done): a stranger cannot make the node publish or fill its disk, and if the key is
     * trusted later its instructions are carried out then.
     */
    private void untrusted(EntryContent c, DeployCodec.Instruction i) {
        if (!caughtUp) {
            return; // held from before this start: shown when it arrived, not again at every start
        }
        boolean own = node.feed(c.feed()).map(FeedInfo::local).orElse(false);
        if (own) { // the deploying node: its own instructions are for the fleet, not refused here
            record(new Deployment(c.feed(), c.seq(), i.action(), i.bsn(), i.version(), "published",
                    "for the fleet: this node does not carry out its own instructions unless trusted.keys names its key"));
            return;
        }
        String detail = "the feed " + c.feed().shortId() + " is not a trusted deployment key";
        record(new Deployment(c.feed(), c.seq(), i.action(), i.bsn(), i.version(), "refused", detail));
        untrustedLines.warn("untrusted", c.feed().shortId() + "#" + c.seq() + " (" + i.action() + " " + i.bsn() + " "
                + i.version() + ") ignored: " + detail + " (trusted.keys in config/org.tinyssb.deploy.cfg)");
    }

    /** Keeps {@code d} among the latest {@value #MAX_DEPLOYMENTS} outcomes shown by {@link #deployments}. */
    private synchronized void record(Deployment d) {
        deployments.add(d);
        while (deployments.size() > MAX_DEPLOYMENTS) {
            deployments.remove(0);
        }
    }

    private void finish(EntryContent c, DeployCodec.Instruction i, String outcome, String detail) {
        Deployment d = new Deployment(c.feed(), c.seq(), i.action(), i.bsn(), i.version(), outcome, detail);
        record(d);
        String k = key(c.feed(), c.seq());
        done.add(k);
        String line = k;
        if (!outcome.equals("refused") && !outcome.equals("superseded") && !i.bsn().equals("?")) {
            for (String bsn : bundlesOf(i)) {
                latestApplied.merge(c.feed().toHex() + " " + bsn, c.seq(), Math::max);
            }
            line = k + " " + String.join(",", bundlesOf(i));
        }
        try {
            Files.writeString(doneFile, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.error("cannot remember deployment {}: {}", k, e.toString());
        }
        if (outcome.equals("refused")) {
            LOG.warn("deployment {}#{} ({} {} {}) refused: {}", c.feed().shortId(), c.seq(), i.action(), i.bsn(),
                    i.version(), detail);
        } else {
            LOG.info("deployment {}#{}: {} {} {}", c.feed().shortId(), c.seq(), outcome, i.bsn(), i.version());
        }
        try {
            node.publish(DeployCodec.status(Base64.getEncoder().encodeToString(c.messageId()), outcome, detail));
        } catch (RuntimeException e) {
            LOG.warn("could not report deployment {} in the node's feed: {}", k, e.toString());
        }
    }

    /** An instruction this node will not carry out, and why. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}
