package org.tinyssb.launcher;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.tinyssb.launcher.feature.BundleRepository;
import org.tinyssb.launcher.feature.FeatureBundle;
import org.tinyssb.launcher.feature.FeatureCatalog;
import org.tinyssb.launcher.feature.FeatureException;
import org.tinyssb.launcher.feature.MavenCoordinates;
import org.tinyssb.launcher.feature.ResolvedFeature;
import org.tinyssb.launcher.resolve.FeatureResolver;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * {@code tinyssb-node assemble --feature F --out DIR}: a trimmed, self-contained distribution of
 * one node build: the launcher's {@code lib/} and {@code bin/}, exactly the bundles the feature
 * resolves to (what it names and what the resolver adds, in a throwaway framework), their part of
 * the repository index, and the feature itself folded into one file that its {@code bin/}
 * starts by default. The packaging module makes a tarball and a Debian package of it.
 */
final class AssembleCommand {
    static final String USAGE = String.join("\n",
            "usage: tinyssb-node assemble --feature NAME|FILE --out DIR",
            "",
            "  --feature NAME|FILE  the node build: a feature of this distribution or a feature file",
            "  --out DIR            where the trimmed distribution goes (new or empty)");
    /** System property the assembled start script sets: the feature it starts without --feature. */
    static final String FEATURE_PROPERTY = "tinyssb.feature";

    private final PrintStream out;
    private final PrintStream err;

    AssembleCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args, Distribution dist) {
        String feature = null;
        Path target = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--feature", "--out" -> {
                    if (i + 1 >= args.size()) {
                        err.println("tinyssb-node assemble: " + a + " needs a value\n" + USAGE);
                        return LaunchException.BAD_INPUT;
                    }
                    if (a.equals("--feature")) {
                        feature = args.get(++i);
                    } else {
                        target = Path.of(args.get(++i)).toAbsolutePath().normalize();
                    }
                }
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    err.println("tinyssb-node assemble: unknown option '" + a + "'\n" + USAGE);
                    return LaunchException.BAD_INPUT;
                }
            }
        }
        if (feature == null || target == null) {
            err.println("tinyssb-node assemble: give the feature and where the distribution goes\n" + USAGE);
            return LaunchException.BAD_INPUT;
        }
        try {
            assemble(dist, feature, target);
            return 0;
        } catch (LaunchException e) {
            err.println("tinyssb-node assemble: " + e.getMessage());
            return e.exitCode();
        } catch (RuntimeException e) {
            err.println("tinyssb-node assemble: unexpected error: " + e);
            return LaunchException.FAILED;
        }
    }

    private void assemble(Distribution dist, String featureName, Path target) throws LaunchException {
        if (Files.exists(target) && !isEmptyDirectory(target)) {
            throw LaunchException.badInput(target + " exists and is not empty: give a new folder");
        }
        ResolvedFeature feature;
        List<PlannedBundle> plan = new ArrayList<>();
        try {
            feature = new FeatureCatalog(dist.featuresDir()).resolve(featureName);
            BundleRepository repository = BundleRepository.forDistribution(dist.bundlesDir());
            for (FeatureBundle b : feature.bundles()) {
                plan.add(new PlannedBundle(b, repository.resolve(b.id()), true));
            }
        } catch (FeatureException e) {
            throw LaunchException.badInput(e.getMessage());
        }
        out.println("resolving feature '" + feature.name() + "' (" + String.join(" + ", feature.chain()) + ", "
                + plan.size() + " bundles named)");
        List<FeatureResolver.Addition> additions = resolve(dist, plan);
        String name = featureFileName(feature.name());
        try {
            Files.createDirectories(target);
            copyTree(dist.home().resolve("lib"), target.resolve("lib"));
            Set<Path> kept = new HashSet<>();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"bundle", "version", "start", "why"});
            for (PlannedBundle p : plan) {
                kept.add(copyBundle(p.jar(), p.bundle().id(), target));
                rows.add(new String[] {p.bundle().id().key(), version(p.jar()), Integer.toString(p.bundle().startOrder()),
                    "named by the feature"});
            }
            for (FeatureResolver.Addition a : additions) {
                kept.add(copyBundle(a.jar(), a.id(), target));
                rows.add(new String[] {a.id().key(), a.id().version().orElse("?"), Integer.toString(a.startOrder()),
                    "needed by " + a.neededBy()});
            }
            writeIndex(dist.bundlesDir().resolve("index.xml"), target.resolve("bundles").resolve("index.xml"), kept,
                    target.resolve("bundles"));
            writeFeature(feature, plan, additions, target.resolve("features").resolve(name + ".json"));
            writeScript(target.resolve("bin").resolve("tinyssb-node"), name);
            out.print(Tables.format(rows, new boolean[] {false, false, true, false}));
            out.println("assembled " + target + ": " + kept.size() + " bundles (of " + countJars(dist.bundlesDir())
                    + " in the full distribution), feature '" + name + "' started by bin/tinyssb-node");
        } catch (IOException e) {
            throw new LaunchException(LaunchException.FAILED, "cannot write the distribution to " + target + ": " + e);
        }
    }

    /** What the resolver adds to {@code plan}, found in a framework that lives only for this. */
    private static List<FeatureResolver.Addition> resolve(Distribution dist, List<PlannedBundle> plan)
            throws LaunchException {
        Path storage;
        try {
            storage = Files.createTempDirectory("tinyssb-assemble");
        } catch (IOException e) {
            throw new LaunchException(LaunchException.FAILED, "no temporary folder for the resolver: " + e);
        }
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
        Map<String, String> settings = new HashMap<>();
        settings.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        settings.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        settings.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, FrameworkSettings.slf4jPackages());
        Framework framework = factory.newFramework(settings);
        try {
            framework.init();
            BundleContext context = framework.getBundleContext();
            Map<String, Integer> mandatory = new HashMap<>();
            for (PlannedBundle p : plan) {
                try (InputStream in = Files.newInputStream(p.jar())) {
                    context.installBundle(p.location(), in);
                }
                mandatory.put(p.location(), p.bundle().startOrder());
            }
            return FeatureResolver.additions(context, mandatory, dist.bundlesDir());
        } catch (BundleException | IOException e) {
            throw new LaunchException(LaunchException.FAILED, "cannot read the feature's bundles: " + e.getMessage());
        } catch (FeatureException e) {
            throw new LaunchException(LaunchException.FAILED, e.getMessage());
        } finally {
            try {
                framework.stop();
                framework.waitForStop(10_000);
            } catch (BundleException | InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deleteTree(storage);
        }
    }

    /** The name of the feature's file in the assembled distribution: a name as given, or a file's base name. */
    static String featureFileName(String feature) {
        String base = Path.of(feature).getFileName().toString();
        return base.endsWith(".json") ? base.substring(0, base.length() - 5) : base;
    }

    /** The feature folded into one file: every bundle with its version and start order, the merged configuration. */
    private static void writeFeature(ResolvedFeature feature, List<PlannedBundle> plan,
            List<FeatureResolver.Addition> additions, Path file) throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("description", (feature.description() == null ? feature.name() : feature.description())
                + " (assembled from " + String.join(" + ", feature.chain()) + ")");
        JsonArray bundles = new JsonArray();
        for (PlannedBundle p : plan) {
            bundles.add(bundle(p.bundle().id().key() + ":" + version(p.jar()), p.bundle().startOrder()));
        }
        for (FeatureResolver.Addition a : additions) {
            bundles.add(bundle(a.id().toString(), a.startOrder()));
        }
        root.add("bundles", bundles);
        JsonObject configurations = new JsonObject();
        feature.configurations().forEach((pid, props) -> {
            JsonObject o = new JsonObject();
            props.forEach(o::addProperty);
            configurations.add(pid, o);
        });
        root.add("configurations", configurations);
        Files.createDirectories(file.getParent());
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n");
    }

    private static JsonObject bundle(String id, int startOrder) {
        JsonObject b = new JsonObject();
        b.addProperty("id", id);
        b.addProperty("start-order", startOrder);
        return b;
    }

    /** The version folder of a jar in the Maven layout ({@code .../artifact/VERSION/artifact-VERSION.jar}). */
    private static String version(Path jar) {
        return jar.getParent().getFileName().toString();
    }

    /** Copies a bundle jar to its Maven path in the target's {@code bundles/}; returns where it went. */
    private static Path copyBundle(Path jar, MavenCoordinates id, Path target) throws IOException {
        Path to = target.resolve("bundles").resolve(id.groupId().replace('.', '/')).resolve(id.artifactId())
                .resolve(version(jar)).resolve(jar.getFileName().toString());
        Files.createDirectories(to.getParent());
        Files.copy(jar, to, StandardCopyOption.REPLACE_EXISTING);
        return to.toAbsolutePath().normalize();
    }

    /** The part of the full index that describes {@code kept}: the resolver of the trimmed node sees only those. */
    private static void writeIndex(Path fullIndex, Path index, Set<Path> kept, Path bundles) throws IOException {
        if (!Files.isRegularFile(fullIndex)) {
            return;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(fullIndex.toFile());
            NodeList resources = doc.getElementsByTagNameNS("*", "resource");
            for (int i = resources.getLength() - 1; i >= 0; i--) {
                Element r = (Element) resources.item(i);
                String url = contentUrl(r);
                if (url == null || !kept.contains(bundles.resolve(url).toAbsolutePath().normalize())) {
                    r.getParentNode().removeChild(r);
                }
            }
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, StandardCharsets.UTF_8.name());
            transformer.transform(new DOMSource(doc), new StreamResult(index.toFile()));
        } catch (ParserConfigurationException | SAXException | TransformerException e) {
            throw new IOException("the repository index " + fullIndex + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** The {@code osgi.content} url of an index resource, or null (bnd's synthetic resources have none that is a file). */
    private static String contentUrl(Element resource) {
        NodeList caps = resource.getElementsByTagNameNS("*", "capability");
        for (int i = 0; i < caps.getLength(); i++) {
            Element c = (Element) caps.item(i);
            if (!"osgi.content".equals(c.getAttribute("namespace"))) {
                continue;
            }
            NodeList attrs = c.getElementsByTagNameNS("*", "attribute");
            for (int j = 0; j < attrs.getLength(); j++) {
                Element a = (Element) attrs.item(j);
                if ("url".equals(a.getAttribute("name")) && !a.getAttribute("value").contains(":")) {
                    return a.getAttribute("value");
                }
            }
        }
        return null;
    }

    private static void writeScript(Path script, String feature) throws IOException {
        Files.createDirectories(script.getParent());
        Files.writeString(script, String.join("\n",
                "#!/bin/sh",
                "# Starts this node build (feature " + feature + ", unless --feature says otherwise).",
                "# Options: see 'tinyssb-node --help'. JAVA_OPTS is passed to the JVM.",
                "home=$(cd \"$(dirname \"$(readlink -f \"$0\")\")/..\" && pwd)", // /usr/bin/tinyssb-node links here
                "exec \"${JAVA:-java}\" $JAVA_OPTS -D" + FEATURE_PROPERTY + "=" + feature
                        + " -jar \"$home/lib/tinyssb-launcher.jar\" \"$@\"",
                ""));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static long countJars(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".jar")).count();
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return Files.isDirectory(dir) && !s.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the system cleans it eventually
        }
    }
}
