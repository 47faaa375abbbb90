package org.tinyssb.launcher.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aQute.bnd.osgi.repository.SimpleIndexer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.tinyssb.launcher.feature.FeatureException;
import org.tinyssb.launcher.feature.MavenCoordinates;

/**
 * The resolver completing a feature in a real (initialised) Felix framework, against a
 * repository indexed by bnd's indexer as the build indexes the distribution's bundles.
 */
class FeatureResolverTest {
    @TempDir
    Path dir;
    private Path bundles;
    private Framework framework;
    private final Map<String, Integer> feature = new HashMap<>();

    @BeforeEach
    void framework() throws BundleException {
        bundles = dir.resolve("bundles");
        framework = new FrameworkFactory().newFramework(Map.of(Constants.FRAMEWORK_STORAGE, dir.resolve("cache").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.init();
    }

    @AfterEach
    void stop() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    @Test
    void whatTheFeaturesBundlesNeedIsAddedTransitivelyAtTheStartOrderOfWhoNeedsIt() throws Exception {
        Path app = bundle("org.example", "app", "1.0.0", "Import-Package", "org.example.lib;version=\"[1.0,2)\"");
        bundle("org.example", "lib", "1.2.0", "Export-Package", "org.example.lib;version=1.2.0",
                "Import-Package", "org.example.util");
        bundle("org.example", "util", "3.0.0", "Export-Package", "org.example.util;version=3.0.0");
        bundle("org.example", "unused", "1.0.0", "Export-Package", "org.example.unused");
        index();
        install(app, 30);

        List<FeatureResolver.Addition> added = FeatureResolver.additions(framework.getBundleContext(), feature, bundles);
        assertEquals(List.of("org.example:lib:1.2.0 for app at 30", "org.example:util:3.0.0 for lib at 30"),
                added.stream().map(a -> a.id() + " for " + a.neededBy() + " at " + a.startOrder()).toList());
        assertEquals(bundles.resolve("org/example/lib/1.2.0/lib-1.2.0.jar"), added.get(0).jar());
    }

    @Test
    void theNewestVersionThatFitsIsChosenAndTheLowestStartOrderWins() throws Exception {
        Path early = bundle("org.example", "early", "1.0.0", "Import-Package", "org.example.lib;version=\"[1.0,2)\"");
        Path late = bundle("org.example", "late", "1.0.0", "Import-Package", "org.example.lib");
        bundle("org.example", "lib", "1.1.0", "Export-Package", "org.example.lib;version=1.1.0");
        bundle("org.example", "lib", "1.4.0", "Export-Package", "org.example.lib;version=1.4.0");
        bundle("org.example", "lib", "2.0.0", "Export-Package", "org.example.lib;version=2.0.0");
        index();
        install(late, 40);
        install(early, 20);

        List<FeatureResolver.Addition> added = FeatureResolver.additions(framework.getBundleContext(), feature, bundles);
        assertEquals(1, added.size(), added.toString());
        assertEquals(MavenCoordinates.parse("org.example:lib:1.4.0"), added.get(0).id());
        assertEquals(20, added.get(0).startOrder());
    }

    @Test
    void twoBundlesNeedingVersionsNoOneHoldsBothIsOneLine() throws Exception {
        Path early = bundle("org.example", "early", "1.0.0", "Import-Package", "org.example.lib;version=\"[1.0,2)\"");
        Path late = bundle("org.example", "late", "1.0.0", "Import-Package", "org.example.lib;version=\"[2.0,3)\"");
        bundle("org.example", "lib", "1.4.0", "Export-Package", "org.example.lib;version=1.4.0");
        bundle("org.example", "lib", "2.0.0", "Export-Package", "org.example.lib;version=2.0.0");
        index();
        install(early, 20);
        install(late, 40);
        FeatureException e = assertThrows(FeatureException.class,
                () -> FeatureResolver.additions(framework.getBundleContext(), feature, bundles));
        assertTrue(e.getMessage().startsWith("bundle late needs package org.example.lib (version 2.0.0 up to 3.0.0)"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(with lib 2.0.0 left out: one artifact is installed in one version only)"),
                e.getMessage());
    }

    @Test
    void optionalImportsAndWhatTheFeatureNamesAlreadyAddNothing() throws Exception {
        Path app = bundle("org.example", "app", "1.0.0", "Import-Package",
                "org.example.lib,org.example.extra;resolution:=optional");
        Path lib = bundle("org.example", "lib", "1.0.0", "Export-Package", "org.example.lib");
        bundle("org.example", "extra", "1.0.0", "Export-Package", "org.example.extra");
        index();
        install(app, 30);
        install(lib, 20);
        assertEquals(List.of(), FeatureResolver.additions(framework.getBundleContext(), feature, bundles));
    }

    @Test
    void aPackageNobodyProvidesIsOneLineNamingItAndWhoNeedsIt() throws Exception {
        Path app = bundle("org.example", "app", "1.0.0", "Import-Package", "org.example.gone;version=\"[1.0,2)\"");
        index();
        install(app, 30);
        FeatureException e = assertThrows(FeatureException.class,
                () -> FeatureResolver.additions(framework.getBundleContext(), feature, bundles));
        assertEquals("bundle app needs package org.example.gone (version 1.0.0 up to 2.0.0), which no bundle of the "
                + "distribution provides: add a bundle that exports it to bundles/ and to the feature", e.getMessage());
    }

    @Test
    void aProviderInAnotherVersionIsNamed() throws Exception {
        Path app = bundle("org.example", "app", "1.0.0", "Import-Package", "org.example.lib;version=\"[2.0,3)\"");
        bundle("org.example", "lib", "1.4.0", "Export-Package", "org.example.lib;version=1.4.0");
        index();
        install(app, 30);
        FeatureException e = assertThrows(FeatureException.class,
                () -> FeatureResolver.additions(framework.getBundleContext(), feature, bundles));
        assertTrue(e.getMessage().startsWith("bundle app needs package org.example.lib (version 2.0.0 up to 3.0.0), "
                + "which no bundle of the distribution provides in that version (lib 1.4.0 has version 1.4.0)"),
                e.getMessage());
    }

    @Test
    void withoutAnIndexNothingIsAddedAndABrokenOneIsOneLine() throws Exception {
        Files.createDirectories(bundles);
        assertEquals(List.of(), FeatureResolver.additions(framework.getBundleContext(), feature, bundles));
        Files.writeString(bundles.resolve(RepositoryIndex.FILE), "<repository><resource><capab");
        FeatureException e = assertThrows(FeatureException.class,
                () -> FeatureResolver.additions(framework.getBundleContext(), feature, bundles));
        assertTrue(e.getMessage().startsWith("repository index " + bundles.resolve(RepositoryIndex.FILE) + " is unreadable"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("rebuild the distribution"), e.getMessage());
    }

    @Test
    void typedAttributesAreReadAsTheSpecificationSays() {
        assertEquals(new org.osgi.framework.Version(1, 6, 0), RepositoryIndex.typed("1.6.0", "Version"));
        assertEquals(42L, RepositoryIndex.typed("42", "Long"));
        assertEquals(List.of("a,b", "c"), RepositoryIndex.typed("a\\,b, c", "List<String>"));
        assertEquals(List.of(1L, 2L), RepositoryIndex.typed("1,2", "List<Long>"));
        assertEquals("x", RepositoryIndex.typed("x", null));
        assertThrows(IllegalArgumentException.class, () -> RepositoryIndex.typed("x", "Complex"));
    }

    /** A bundle jar with only a manifest, in the Maven layout of {@code bundles/}. */
    private Path bundle(String group, String artifact, String version, String... headers) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, artifact);
        a.putValue(Constants.BUNDLE_VERSION, version);
        for (int i = 0; i < headers.length; i += 2) {
            a.putValue(headers[i], headers[i + 1]);
        }
        Path jar = bundles.resolve(group.replace('.', '/')).resolve(artifact).resolve(version)
                .resolve(artifact + "-" + version + ".jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return jar;
    }

    private void index() throws Exception {
        List<File> jars = new ArrayList<>();
        try (var walk = Files.walk(bundles)) {
            walk.filter(p -> p.toString().endsWith(".jar")).forEach(p -> jars.add(p.toFile()));
        }
        new SimpleIndexer().files(jars).base(bundles.toUri()).name("test").index(bundles.resolve(RepositoryIndex.FILE)
                .toFile());
    }

    private void install(Path jar, int startOrder) throws IOException, BundleException {
        String location = FeatureResolver.FEATURE_LOCATION + jar.getFileName();
        try (InputStream in = Files.newInputStream(jar)) {
            framework.getBundleContext().installBundle(location, in);
        }
        feature.put(location, startOrder);
    }
}
