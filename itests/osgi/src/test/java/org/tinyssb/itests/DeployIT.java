package org.tinyssb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.service.cm.ConfigurationAdmin;
import org.tinyssb.api.AppListener;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.IdentityService;
import org.tinyssb.api.NodeService;
import org.tinyssb.codec.Bipf;
import org.tinyssb.codec.Sha256;
import org.tinyssb.deploy.Deployment;
import org.tinyssb.deploy.DeploymentService;
import org.tinyssb.deploy.FleetReport;

/**
 * Deployment instructions in the node's feeds, carried out in its running framework: install,
 * update, and the refusals (a jar that does not match its hash, an untrusted feed, a bundle that
 * does not resolve), which leave the running bundle as it was; then uninstall. Each outcome of a
 * trusted instruction is reported in the node's own feed; a stranger's makes the node write
 * nothing, and is carried out once its key is trusted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeployIT {
    private static final String FIXTURE_BSN = "org.tinyssb.itests.fixture";

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configurationAdmin;
    @Inject
    private NodeService node;
    @Inject
    private IdentityService identity;

    @Configuration
    public Option[] configuration() {
        // no shell: deployment works on headless nodes too (the commands' Gogo import is optional)
        return NodeOptions.node("minimal", "org.tinyssb:org.tinyssb.deploy");
    }

    @Test
    public void trustedInstructionsAreCarriedOutAndEverythingElseIsRefused() throws Exception {
        FeedId deployKey = identity.createIdentity();
        FeedId stranger = identity.createIdentity();
        Dictionary<String, Object> cfg = new Hashtable<>();
        cfg.put("trusted.keys", deployKey.toSsbId());
        configurationAdmin.getConfiguration("org.tinyssb.deploy", "?").update(cfg);
        Await.until("the deployment component configured", () -> deployments() != null);

        Path fixture = Path.of(System.getProperty(NodeOptions.FIXTURE));
        byte[] v1 = Files.readAllBytes(fixture);
        Path dir = Files.createTempDirectory("deploy-it");
        byte[] v99 = Files.readAllBytes(Jars.withHeaders(fixture, Map.of(Constants.BUNDLE_VERSION, "99.0.0"),
                dir.resolve("v99.jar")));
        byte[] unresolvable = Files.readAllBytes(Jars.withHeaders(fixture, Map.of(Constants.BUNDLE_VERSION, "100.0.0",
                Constants.IMPORT_PACKAGE, "org.example.nowhere"), dir.resolve("v100.jar")));
        String v1Version = new java.util.jar.JarInputStream(Files.newInputStream(fixture)).getManifest()
                .getMainAttributes().getValue(Constants.BUNDLE_VERSION);

        publish(deployKey, install(v1Version, v1, v1));
        awaitOutcome(1, "installed");
        assertEquals(Bundle.ACTIVE, fixture().getState());

        publish(deployKey, install("99.0.0", v99, v99));
        awaitOutcome(2, "updated");
        assertEquals(Version.parseVersion("99.0.0"), fixture().getVersion());
        long id = fixture().getBundleId();

        publish(deployKey, install("99.0.1", v99, "a different jar".getBytes())); // hash of other bytes
        awaitOutcome(3, "refused");
        assertTrue(last().detail(), last().detail().contains("does not match its signed SHA-256"));

        // a key this node holds but does not trust: its instruction is for the fleet, listed as published here
        // (a stranger's on another node is refused: RemoteDeployIT), and nothing is carried out or reported
        publish(stranger, install("99.0.0", v99, v99));
        awaitOutcome(4, "published");
        assertTrue(last().detail(), last().detail().contains("for the fleet"));

        publish(deployKey, install("100.0.0", unresolvable, unresolvable));
        awaitOutcome(5, "refused");
        assertTrue(last().detail(), last().detail().contains("does not resolve"));
        assertEquals("the running bundle is untouched", id, fixture().getBundleId());
        assertEquals(Version.parseVersion("99.0.0"), fixture().getVersion());
        assertEquals(Bundle.ACTIVE, fixture().getState());

        publish(deployKey, Bipf.encode(List.of("DPL", "uninstall", FIXTURE_BSN, "*")));
        awaitOutcome(6, "uninstalled");
        assertEquals(null, fixture());

        // a trusted key cannot replace a bundle of the node's own feature (here with an unrelated jar)
        byte[] fake = Files.readAllBytes(Jars.withHeaders(fixture, Map.of(Constants.BUNDLE_SYMBOLICNAME,
                "org.tinyssb.store.memory", Constants.BUNDLE_VERSION, "9.0.0"), dir.resolve("fake-store.jar")));
        publish(deployKey, Bipf.encode(new ArrayList<>(List.of("DPL", "install", "org.tinyssb.store.memory", "9.0.0",
                Sha256.digest(fake), fake))));
        awaitOutcome(7, "refused");
        assertTrue(last().detail(), last().detail().contains("belongs to the node's feature"));

        // versions only move forward: an older jar arriving late is refused, a signed rollback is carried out
        publish(deployKey, install("99.0.0", v99, v99));
        awaitOutcome(8, "installed");
        publish(deployKey, install(v1Version, v1, v1));
        awaitOutcome(9, "refused");
        assertTrue(last().detail(), last().detail().contains("versions only move forward"));
        assertEquals(Version.parseVersion("99.0.0"), fixture().getVersion());
        publish(deployKey, Bipf.encode(new ArrayList<>(List.of("DPL", "rollback", FIXTURE_BSN, v1Version,
                Sha256.digest(v1), v1))));
        awaitOutcome(10, "rolled back");
        assertEquals(Version.parseVersion(v1Version), fixture().getVersion());
        assertEquals(Bundle.ACTIVE, fixture().getState());

        // an update that does not start is rolled back to the version that ran, and the report says so
        byte[] broken = Files.readAllBytes(Jars.withHeaders(fixture, Map.of(Constants.BUNDLE_VERSION, "99.5.0",
                Constants.BUNDLE_ACTIVATOR, "org.example.NoSuchActivator"), dir.resolve("broken.jar")));
        publish(deployKey, install("99.5.0", broken, broken));
        awaitOutcome(11, "refused");
        assertTrue(last().detail(), last().detail().contains("99.5.0 does not start")
                && last().detail().contains("rolled back to " + v1Version));
        assertEquals(Version.parseVersion(v1Version), fixture().getVersion());
        assertEquals(Bundle.ACTIVE, fixture().getState());

        long reports = 0;
        for (long seq = 1; seq <= node.feed(identity.nodeId()).orElseThrow().height(); seq++) {
            Object c = Bipf.decode(node.read(identity.nodeId(), seq).orElseThrow().available());
            if (c instanceof List<?> l && "DPS".equals(l.get(0))) {
                reports++;
            }
        }
        assertEquals("every outcome of a trusted instruction reported in the node's own feed, none of the stranger's",
                10, reports);

        // a stranger pouring instructions in: the node writes nothing, and keeps a bounded list
        FeedId spammer = identity.createIdentity();
        long ownHeight = node.feed(identity.nodeId()).orElseThrow().height();
        int spam = 300;
        for (int n = 0; n < spam; n++) {
            publish(spammer, install("99.0." + (n + 2), v99, v99));
        }
        Await.until("the last of the spam looked at", Await.DEFAULT, () -> deployments().stream()
                .anyMatch(d -> d.feed().equals(spammer) && d.seq() == spam), () -> String.valueOf(deployments().size()));
        assertEquals("nothing written for a stranger", ownHeight, node.feed(identity.nodeId()).orElseThrow().height());
        assertTrue("the list of outcomes stays bounded: " + deployments().size(), deployments().size() <= 256);

        // trusting the stranger's key later: its instruction, ignored before, is carried out now
        cfg.put("trusted.keys", deployKey.toSsbId() + "," + stranger.toSsbId());
        configurationAdmin.getConfiguration("org.tinyssb.deploy", "?").update(cfg);
        Await.until("the stranger's instruction carried out once its key is trusted", Await.DEFAULT,
                () -> fixture() != null && fixture().getVersion().equals(Version.parseVersion("99.0.0")),
                () -> String.valueOf(deployments()));

        // the fleet view: this node's own reports on the trusted instructions, by instruction
        FleetReport firstInstall = new FleetReport(deployKey, 1, "install", FIXTURE_BSN, v1Version, null, identity.nodeId(),
                "installed", "");
        Await.until("this node's report on the first instruction in the fleet view", Await.DEFAULT,
                () -> service().fleet().contains(firstInstall), () -> String.valueOf(service().fleet().size()));
        List<FleetReport> fleet = service().fleet();
        assertTrue("no node reported on a stranger's instruction", fleet.stream()
                .filter(r -> r.instructionFeed().equals(spammer)).allMatch(r -> r.node() == null));

        // the report on the stranger's instruction is written after the bundle changed: wait for it, or
        // it may land in the node's feed during the next step
        Await.until("this node's report on the stranger's instruction, now trusted", Await.DEFAULT,
                () -> service().fleet().stream().anyMatch(r -> r.instructionFeed().equals(stranger)
                        && identity.nodeId().equals(r.node())), () -> String.valueOf(service().fleet().size()));

        // an instruction for a group this node is not in: skipped, nothing written; joining the group carries it out
        long before = node.feed(identity.nodeId()).orElseThrow().height();
        publish(deployKey, Bipf.encode(List.of("DPL", "uninstall", FIXTURE_BSN, "*", "north")));
        Await.until("the group's instruction skipped", Await.DEFAULT, () -> deployments().stream()
                .anyMatch(d -> d.outcome().equals("skipped") && d.detail().contains("group 'north'")),
                () -> String.valueOf(deployments()));
        assertTrue("still installed", fixture() != null);
        assertEquals("nothing reported for a group's instruction", before, node.feed(identity.nodeId()).orElseThrow()
                .height());
        // a malformed instruction of a trusted key: refused and reported once, not again at the next start
        long malformed = publish(deployKey, Bipf.encode(List.of("DPL", "reboot")));
        awaitOutcomeOf(deployKey, malformed, "refused");
        String malformedRef = java.util.Base64.getEncoder().encodeToString(
                node.read(deployKey, malformed).orElseThrow().messageId());

        cfg.put("groups", "south, north");
        configurationAdmin.getConfiguration("org.tinyssb.deploy", "?").update(cfg);
        Await.until("the group's instruction carried out once the node is in the group", Await.DEFAULT,
                () -> fixture() == null, () -> String.valueOf(deployments()));

        // several bundles all or none: a set installs both; a set whose second does not start keeps neither
        byte[] two = Files.readAllBytes(Jars.withHeaders(fixture, Map.of(Constants.BUNDLE_SYMBOLICNAME, FIXTURE_BSN + ".two",
                Constants.BUNDLE_VERSION, "1.0.0"), dir.resolve("two.jar")));
        long setSeq = publish(deployKey, set(List.of(List.of(FIXTURE_BSN, "99.0.0", Sha256.digest(v99), v99),
                List.of(FIXTURE_BSN + ".two", "1.0.0", Sha256.digest(two), two))));
        awaitOutcomeOf(deployKey, setSeq, "installed");
        // (handed over after the start's catch-up, on the same thread: the catch-up has passed the malformed one)
        assertEquals("the malformed instruction reported once, also after the component started again", 1,
                reportsOn(malformedRef));
        assertEquals(Version.parseVersion("99.0.0"), fixture().getVersion());
        assertEquals(Bundle.ACTIVE, fixture().getState());
        assertEquals(Bundle.ACTIVE, bundle(FIXTURE_BSN + ".two").getState());

        byte[] twoBroken = Files.readAllBytes(Jars.withHeaders(fixture, Map.of(Constants.BUNDLE_SYMBOLICNAME,
                FIXTURE_BSN + ".two", Constants.BUNDLE_VERSION, "2.0.0", Constants.BUNDLE_ACTIVATOR,
                "org.example.NoSuchActivator"), dir.resolve("two-broken.jar")));
        byte[] three = Files.readAllBytes(Jars.withHeaders(fixture, Map.of(Constants.BUNDLE_SYMBOLICNAME,
                FIXTURE_BSN + ".three", Constants.BUNDLE_VERSION, "1.0.0"), dir.resolve("three.jar")));
        byte[] v995 = Files.readAllBytes(Jars.withHeaders(fixture, Map.of(Constants.BUNDLE_VERSION, "99.9.5"),
                dir.resolve("v995.jar")));
        long brokenSet = publish(deployKey, set(List.of(List.of(FIXTURE_BSN, "99.9.5", Sha256.digest(v995), v995),
                List.of(FIXTURE_BSN + ".three", "1.0.0", Sha256.digest(three), three),
                List.of(FIXTURE_BSN + ".two", "2.0.0", Sha256.digest(twoBroken), twoBroken))));
        Deployment refusedSet = awaitOutcomeOf(deployKey, brokenSet, "refused");
        assertTrue(refusedSet.detail(), refusedSet.detail().contains(FIXTURE_BSN + ".two 2.0.0 does not start")
                && refusedSet.detail().contains("none of the set kept"));
        assertEquals("the updated member is back at what ran", Version.parseVersion("99.0.0"), fixture().getVersion());
        assertEquals(Bundle.ACTIVE, fixture().getState());
        assertEquals(Version.parseVersion("1.0.0"), bundle(FIXTURE_BSN + ".two").getVersion());
        assertEquals(Bundle.ACTIVE, bundle(FIXTURE_BSN + ".two").getState());
        assertEquals("the new member is gone", null, bundle(FIXTURE_BSN + ".three"));

        // feed order whatever the arrival order: an uninstall (#2001) whose content completes before the
        // install it follows (#2000, a jar still arriving) leaves the bundle uninstalled
        AppListener deploy = context.getService(context.getServiceReferences(AppListener.class,
                "(component.name=org.tinyssb.deploy.internal.DeployComponent)").iterator().next());
        byte[] laterUninstall = Bipf.encode(List.of("DPL", "uninstall", FIXTURE_BSN + ".two", "*"));
        deploy.entry(entry(deployKey, 2001, laterUninstall), Bipf.decode(laterUninstall));
        Await.until("the later uninstall carried out", Await.DEFAULT, () -> bundle(FIXTURE_BSN + ".two") == null,
                () -> String.valueOf(deployments()));
        byte[] earlierInstall = Bipf.encode(new ArrayList<>(List.of("DPL", "install", FIXTURE_BSN + ".two", "1.0.0",
                Sha256.digest(two), two)));
        deploy.entry(entry(deployKey, 2000, earlierInstall), Bipf.decode(earlierInstall));
        Deployment superseded = awaitOutcomeOf(deployKey, 2000, "superseded");
        assertTrue(superseded.detail(), superseded.detail().contains("#2001 of the same feed"));
        assertEquals("still uninstalled", null, bundle(FIXTURE_BSN + ".two"));
    }

    /** An entry of {@code feed} as replication hands it to the deploy component (its message id made up). */
    private static EntryContent entry(FeedId feed, long seq, byte[] content) {
        byte[] id = java.util.Arrays.copyOf(Sha256.digest((feed.toHex() + seq).getBytes()), 20);
        return new EntryContent(feed, seq, content.length, content, id);
    }

    private static byte[] set(List<List<Object>> members) {
        return Bipf.encode(new ArrayList<>(List.of("DPL", "install-set", new ArrayList<Object>(members))));
    }

    /** The outcome of instruction {@code seq} of {@code feed}, once there is one. */
    private Deployment awaitOutcomeOf(FeedId feed, long seq, String outcome) {
        Await.until(feed.shortId() + "#" + seq + ": " + outcome, Await.DEFAULT, () -> deployments().stream()
                .anyMatch(d -> d.feed().equals(feed) && d.seq() == seq && d.outcome().equals(outcome)),
                () -> String.valueOf(deployments().subList(Math.max(0, deployments().size() - 5), deployments().size())));
        return deployments().stream().filter(d -> d.feed().equals(feed) && d.seq() == seq).reduce((a, b) -> b)
                .orElseThrow();
    }

    private Bundle bundle(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** This node's reports in its own feed on the instruction {@code ref}. */
    private long reportsOn(String ref) throws Exception {
        long n = 0;
        for (long seq = 1; seq <= node.feed(identity.nodeId()).orElseThrow().height(); seq++) {
            Object c = Bipf.decode(node.read(identity.nodeId(), seq).orElseThrow().available());
            if (c instanceof List<?> l && "DPS".equals(l.get(0)) && ref.equals(l.get(1))) {
                n++;
            }
        }
        return n;
    }

    private DeploymentService service() {
        return context.getService(context.getServiceReference(DeploymentService.class));
    }

    private static byte[] install(String version, byte[] jar, byte[] hashed) {
        List<Object> l = new ArrayList<>(List.of("DPL", "install", FIXTURE_BSN, version, Sha256.digest(hashed), jar));
        return Bipf.encode(l);
    }

    private long publish(FeedId author, byte[] content) {
        return node.publish(author, content);
    }

    private List<Deployment> deployments() {
        var ref = context.getServiceReference(DeploymentService.class);
        return ref == null ? null : context.getService(ref).deployments();
    }

    private Deployment last() {
        List<Deployment> d = deployments();
        return d.get(d.size() - 1);
    }

    private void awaitOutcome(int count, String outcome) {
        Await.until("deployment " + count + ": " + outcome, Await.DEFAULT,
                () -> deployments() != null && deployments().size() >= count
                        && outcome.equals(deployments().get(count - 1).outcome()),
                () -> String.valueOf(deployments()));
    }

    private Bundle fixture() {
        for (Bundle b : context.getBundles()) {
            if (FIXTURE_BSN.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }
}
