package org.tinyssb.itests.nodes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.codec.Bipf;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.launcher.NodeProcess;
import org.tinyssb.launcher.TestNode;

/**
 * Remote deployment between two node processes over WebSocket: A's node key is B's trusted
 * deployment key; A publishes an app bundle B never had, B replicates and runs it; a second
 * deployment updates it; an instruction whose jar does not match its signed hash, and a deployment
 * from a key B does not trust, are refused and B keeps running the bundle it has.
 */
class RemoteDeployIT {
    private static final Path DIST = Path.of(System.getProperty("tinyssb.dist"));
    private static final Path FIXTURE = Path.of(System.getProperty("tinyssb.fixture"));
    private static final String BSN = "org.tinyssb.itests.fixture";
    private static final java.time.Duration LIMIT = java.time.Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void anAppBundlePublishedOnANodeRunsOnAnotherAndIsUpdatedThere() throws Exception {
        Path v99 = withVersion(FIXTURE, "99.0.0", dir.resolve("fixture-99.jar"));
        int port = NodeProcess.freePort();
        try (TestNode a = new TestNode(DIST, dir, "a"); TestNode b = new TestNode(DIST, dir, "b")) {
            NodeProcess.freePortsConfig(a.config);
            NodeProcess.freePortsConfig(b.config);
            SigningKey stranger = SigningKey.fromSeed(Sha256.digest("not trusted by B".getBytes()));
            a.addKey(stranger, false);
            a.configure("org.tinyssb.link.websocket.server", "host = 127.0.0.1\nport = " + port + "\n");
            a.start("default");
            String aId = a.process().awaitLine("A's node id", l -> l.strip().startsWith("node id")).strip()
                    .split("\\s+")[2];
            b.configure("org.tinyssb.link.websocket.client", "urls = ws://127.0.0.1:" + port + "/\nbackoff.min.ms = 200\n");
            b.configure("org.tinyssb.deploy", "trusted.keys = " + aId + "\n");
            b.start("default");
            String bShort = b.process().awaitLine("B's node id", l -> l.strip().startsWith("node id")).strip()
                    .split("\\s+")[2];
            String bHex = org.tinyssb.api.FeedId.parse(bShort).shortId();

            a.process().type("deploy publish " + FIXTURE);
            awaitBundle(b, "Active", "0.1.0");
            a.process().type("deploy publish " + v99);
            awaitBundle(b, "Active", "99.0.0");
            int mark = a.process().lineCount();
            a.process().type("deploy publish " + v99);
            String again = a.process().awaitLine(mark, "the same jar refused a second time",
                    l -> l.contains("is published already, the same jar"));
            assertTrue(again.contains("nothing published"), again);

            // an instruction whose jar does not match its signed hash (a content file published as is)
            Path tampered = Files.write(dir.resolve("tampered.dpl"), Bipf.encode(List.of("DPL", "install", BSN,
                    "99.0.1", Sha256.digest("some other jar".getBytes()), Files.readAllBytes(v99))));
            a.process().type("publish --file " + tampered);
            String mismatch = awaitDeployment(b, "refused");
            assertTrue(mismatch.contains("does not match its signed SHA-256"), mismatch);

            // the same bundle from a key B does not trust: refused, B keeps 99.0.0
            a.process().type("deploy publish --as " + stranger.feedId().toHex() + " " + FIXTURE);
            String refused = b.awaitCommandOutput("deployments", "refusal of the untrusted key",
                    l -> l.contains("not a trusted deployment key"), LIMIT);
            assertTrue(refused.contains(BSN), refused);
            String installed = awaitDeployment(b, "installed");
            assertTrue(installed.contains(BSN), installed);
            awaitBundle(b, "Active", "99.0.0");

            // the fleet view on the deploying node: B's reports, read from B's feed
            String fleet = a.awaitCommandOutput("deploy fleet", "B's report on the update in A's fleet view",
                    l -> l.contains(bHex) && l.contains(" updated") && l.contains("99.0.0"), LIMIT);
            assertTrue(fleet.contains(BSN), fleet);

            // an instruction for a group B is not in: B skips it, writes nothing, keeps the bundle
            a.process().type("deploy --group north uninstall " + BSN);
            String skipped = b.awaitCommandOutput("deployments", "the group's instruction skipped",
                    l -> l.contains(" skipped ") && l.contains("group 'north'"), LIMIT);
            assertTrue(skipped.contains("this node's groups: none"), skipped);
            awaitBundle(b, "Active", "99.0.0");
            String unanswered = a.awaitCommandOutput("deploy fleet", "the group's instruction without reports",
                    l -> l.contains("uninstall") && l.contains("north") && l.contains("no report yet"), LIMIT);
            assertTrue(unanswered.contains(BSN), unanswered);
        }
    }

    private static String awaitDeployment(TestNode node, String outcome) throws Exception {
        return node.awaitCommandOutput("deployments", "'" + outcome + "' deployment", l -> l.contains(" " + outcome + " "),
                LIMIT);
    }

    /** Waits until the node runs the fixture bundle in {@code state} at a version starting with {@code version}. */
    private static void awaitBundle(TestNode node, String state, String version) throws Exception {
        node.awaitCommandOutput("lb -s", BSN + " " + version + " " + state,
                l -> l.contains(BSN) && l.contains(state) && l.contains("(" + version), LIMIT);
    }

    private static Path withVersion(Path jar, String version, Path target) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
                for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return target;
    }
}
