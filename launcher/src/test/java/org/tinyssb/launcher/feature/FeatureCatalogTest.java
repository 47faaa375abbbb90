package org.tinyssb.launcher.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCatalogTest {
    @TempDir
    Path dir;

    private FeatureCatalog catalog() {
        return new FeatureCatalog(dir.resolve("features"));
    }

    private void feature(String name, String json) {
        FeatureFiles.write(dir.resolve("features"), name, json);
    }

    @Test
    void includesAreFoldedFirstAndBundlesOrderedByStartOrder() throws FeatureException {
        feature("base", """
                { "bundles": [ {"id": "g:core", "start-order": 10}, {"id": "g:scr", "start-order": 1} ],
                  "configurations": { "p": { "a": "base", "b": "base" } } }""");
        feature("top", """
                { "includes": ["base"],
                  "bundles": [ {"id": "g:shell", "start-order": 90}, {"id": "g:link", "start-order": 20} ],
                  "configurations": { "p": { "b": "top" }, "q": { "c": "top" } } }""");
        ResolvedFeature r = catalog().resolve("top");
        assertEquals("top", r.name());
        assertEquals(List.of("base", "top"), r.chain());
        assertEquals(List.of("g:scr", "g:core", "g:link", "g:shell"),
                r.bundles().stream().map(b -> b.id().toString()).toList());
        assertEquals(90, r.maxStartOrder());
        assertEquals(Map.of("a", "base", "b", "top"), r.configurations().get("p"), "the includer wins");
        assertEquals(Map.of("c", "top"), r.configurations().get("q"));
    }

    @Test
    void aFeatureIncludedTwiceIsFoldedOnce() throws FeatureException {
        feature("base", "{ \"bundles\": [\"g:core\"] }");
        feature("left", "{ \"includes\": [\"base\"], \"bundles\": [\"g:left\"] }");
        feature("right", "{ \"includes\": [\"base\"], \"bundles\": [\"g:right\"] }");
        feature("both", "{ \"includes\": [\"left\", \"right\"] }");
        ResolvedFeature r = catalog().resolve("both");
        assertEquals(List.of("base", "left", "right", "both"), r.chain());
        assertEquals(3, r.bundles().size());
    }

    @Test
    void includeCycleIsAnErrorShowingTheCycle() {
        feature("a", "{ \"includes\": [\"b\"], \"bundles\": [\"g:a\"] }");
        feature("b", "{ \"includes\": [\"a\"], \"bundles\": [\"g:b\"] }");
        FeatureException e = assertThrows(FeatureException.class, () -> catalog().resolve("a"));
        assertTrue(e.getMessage().contains("a.json → b.json → a.json"), e.getMessage());
    }

    @Test
    void unknownFeatureListsTheAvailableOnes() {
        feature("minimal", "{ \"bundles\": [\"g:a\"] }");
        feature("default", "{ \"bundles\": [\"g:a\"] }");
        FeatureException e = assertThrows(FeatureException.class, () -> catalog().resolve("nope"));
        assertEquals("unknown feature 'nope' (available: default, minimal)", e.getMessage());
    }

    @Test
    void customFeatureFileCanIncludeBuiltInFeatures() throws FeatureException {
        feature("minimal", "{ \"bundles\": [\"g:core\"] }");
        Path custom = FeatureFiles.write(dir.resolve("elsewhere"), "mine",
                "{ \"includes\": [\"minimal\"], \"bundles\": [\"g:app:1.0\"] }");
        ResolvedFeature r = catalog().resolve(custom.toString());
        assertEquals(List.of("minimal", "mine"), r.chain());
        assertEquals(List.of("g:core", "g:app:1.0"), r.bundles().stream().map(b -> b.id().toString()).toList());
    }

    @Test
    void twoVersionsOfOneBundleAreAnError() {
        feature("base", "{ \"bundles\": [\"g:a:1.0\"] }");
        feature("top", "{ \"includes\": [\"base\"], \"bundles\": [\"g:a:2.0\"] }");
        FeatureException e = assertThrows(FeatureException.class, () -> catalog().resolve("top"));
        assertTrue(e.getMessage().contains("two versions"), e.getMessage());
    }

    @Test
    void featureWithoutBundlesIsAnError() {
        feature("empty", "{ }");
        FeatureException e = assertThrows(FeatureException.class, () -> catalog().resolve("empty"));
        assertTrue(e.getMessage().contains("no bundles"), e.getMessage());
    }
}
