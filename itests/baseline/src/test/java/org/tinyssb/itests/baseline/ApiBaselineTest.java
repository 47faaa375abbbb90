package org.tinyssb.itests.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Instructions;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.service.diff.Tree;
import aQute.lib.json.JSONCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * bnd's baselining (the logic of bnd-baseline-maven-plugin) of every tinySSB bundle's exported
 * packages against the API of the last release, kept in {@code src/test/resources/api} as bnd's
 * own diff trees: a change to an exported package without the version bump semantic versioning
 * asks for (app bundles deployed remotely wire to these versions) fails {@code mvn verify}, naming
 * the package, what changed and the version it needs. At a release, write the new baseline:
 * {@code mvn -B verify -pl itests/baseline -Dtinyssb.baseline.update=true} (and commit it).
 *
 * <p>A committed baseline stands in for the plugin's "previous release in a repository": this
 * project publishes to none yet.
 */
class ApiBaselineTest {
    private static final Path DIST = Path.of(System.getProperty("tinyssb.dist"));
    private static final Path BASELINE = Path.of(System.getProperty("tinyssb.baseline.dir"));
    private static final boolean UPDATE = Boolean.getBoolean("tinyssb.baseline.update");

    /** What is kept of a release's bundle: its exports and its API tree (resources left out: they change every build). */
    public static final class Release {
        public String exports;
        public Tree.Data api;
    }

    @Test
    void everyExportedPackageMovesItsVersionAsItsChangeAsks() throws Exception {
        List<Path> bundles = tinyssbBundles();
        assertTrue(bundles.size() >= 10, "the distribution's tinySSB bundles: " + bundles);
        List<String> problems = new ArrayList<>();
        int baselined = 0;
        for (Path jar : bundles) {
            try (Jar current = new Jar(jar.toFile())) {
                String bsn = current.getBsn();
                Release now = release(current);
                Path file = BASELINE.resolve(bsn + ".json");
                if (UPDATE) {
                    Files.createDirectories(BASELINE);
                    Files.writeString(file, new JSONCodec().enc().indent("  ").put(now).toString() + "\n");
                    continue;
                }
                if (!Files.exists(file)) {
                    problems.add(bsn + ": no baseline in " + file + " (a new bundle: run with -Dtinyssb.baseline.update=true)");
                    continue;
                }
                Release then = new JSONCodec().dec().from(file.toFile()).get(Release.class);
                problems.addAll(mismatches(bsn, now, then));
                baselined++;
            }
        }
        assertTrue(problems.isEmpty(), "exported packages changed without the version they need:\n  "
                + String.join("\n  ", problems));
        assertTrue(UPDATE || baselined == bundles.size(), baselined + " of " + bundles.size());
    }

    @Test
    void aChangeWithoutItsBumpIsFoundAndNamed() throws Exception {
        Path api = tinyssbBundles().stream().filter(p -> p.getFileName().toString().startsWith("org.tinyssb.api-"))
                .findFirst().orElseThrow();
        try (Jar current = new Jar(api.toFile()); Jar older = new Jar(api.toFile())) {
            // a "release" without AppListener, at the version the package has now: the addition is unbumped
            older.remove("org/tinyssb/api/AppListener.class");
            Release then = release(older);
            Release now = release(current);
            String version = packageVersion(now.exports, "org.tinyssb.api");
            List<String> found = mismatches("org.tinyssb.api", now, then);
            assertEquals(1, found.size(), String.valueOf(found));
            assertTrue(found.get(0).startsWith("org.tinyssb.api: package org.tinyssb.api MINOR change, version " + version
                    + " (was " + version + "), needs "), found.get(0));
            assertTrue(found.get(0).contains("AppListener"), "names what changed: " + found.get(0));

            // the release before had the previous minor version: the current one covers the addition
            aQute.bnd.version.Version v = new aQute.bnd.version.Version(version);
            then.exports = then.exports.replace("org.tinyssb.api;version=\"" + version + "\"",
                    "org.tinyssb.api;version=\"" + v.getMajor() + "." + (v.getMinor() - 1) + ".0\"");
            assertEquals(List.of(), mismatches("org.tinyssb.api", now, then), "an addition with the minor version raised");
        }
    }

    /** The version {@code exports} gives {@code pkg}. */
    private static String packageVersion(String exports, String pkg) {
        return new Parameters(exports).get(pkg).getVersion();
    }

    /** The packages whose version does not cover the change from {@code then} to {@code now}. */
    private static List<String> mismatches(String bsn, Release now, Release then) throws Exception {
        DiffPluginImpl differ = new DiffPluginImpl();
        List<String> out = new ArrayList<>();
        try (Processor reporter = new Processor()) {
            Baseline baseline = new Baseline(reporter, differ);
            for (Baseline.Info info : baseline.baseline(bundleTree(differ, now), new Parameters(now.exports),
                    bundleTree(differ, then), new Parameters(then.exports), new Instructions("*"))) {
                if (info.mismatch) {
                    out.add(bsn + ": package " + info.packageName + " " + info.packageDiff.getDelta() + " change, version "
                            + info.newerVersion + " (was " + info.olderVersion + "), needs " + info.suggestedVersion
                            + (info.reason == null ? "" : " (" + info.reason + ")"));
                }
            }
        }
        return out;
    }

    /** A bundle tree holding only the API part, as bnd's Baseline reads it. */
    private static Tree bundleTree(DiffPluginImpl differ, Release r) throws Exception {
        Tree.Data bundle = new Tree.Data();
        bundle.name = "<bundle>";
        bundle.type = aQute.bnd.service.diff.Type.BUNDLE;
        bundle.add = aQute.bnd.service.diff.Delta.MAJOR;
        bundle.rem = aQute.bnd.service.diff.Delta.MAJOR;
        bundle.children = new Tree.Data[] {r.api};
        return differ.deserialize(bundle);
    }

    private static Release release(Jar jar) throws Exception {
        Tree tree = new DiffPluginImpl().tree(jar);
        Release r = new Release();
        String exports = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Export-Package");
        r.exports = exports == null ? "" : exports;
        r.api = Arrays.stream(tree.getChildren()).filter(t -> t.getType() == aQute.bnd.service.diff.Type.API).findFirst()
                .map(Tree::serialize).orElseGet(() -> {
                    Tree.Data empty = new Tree.Data();
                    empty.name = "<api>";
                    empty.type = aQute.bnd.service.diff.Type.API;
                    empty.add = aQute.bnd.service.diff.Delta.MINOR;
                    empty.rem = aQute.bnd.service.diff.Delta.MAJOR;
                    empty.children = new Tree.Data[0];
                    return empty;
                });
        return r;
    }

    /** The tinySSB bundles of the distribution, one per artifact. */
    private static List<Path> tinyssbBundles() throws IOException {
        Map<String, Path> byArtifact = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(DIST.resolve("bundles/org/tinyssb"))) {
            walk.filter(p -> p.toString().endsWith(".jar")).sorted()
                    .forEach(p -> byArtifact.put(p.getParent().getParent().getFileName().toString(), p));
        }
        return new ArrayList<>(byArtifact.values());
    }
}
