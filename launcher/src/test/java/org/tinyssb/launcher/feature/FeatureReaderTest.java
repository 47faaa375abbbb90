package org.tinyssb.launcher.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsBundlesIncludesAndConfigurationsWithComments() throws FeatureException {
        Path file = FeatureFiles.write(dir, "pub", """
                // a comment line
                {
                  "description": "an internet pub",
                  "includes": ["minimal"],
                  /* both forms of bundle entry */
                  "bundles": [
                    { "id": "org.tinyssb:org.tinyssb.core", "start-order": 12 },
                    "org.example:app:1.2.3"
                  ],
                  "configurations": {
                    "org.tinyssb.link.websocket": { "port": 8080, "host": "127.0.0.1", "open": true,
                                                   "peers": ["ws://a", "ws://b"], "ratio": 0.5 }
                  }
                }
                """);
        Feature f = FeatureReader.read(file);
        assertEquals("pub", f.name());
        assertEquals("an internet pub", f.description());
        assertEquals(List.of("minimal"), f.includes());
        assertEquals(List.of(
                new FeatureBundle(new MavenCoordinates("org.tinyssb", "org.tinyssb.core", Optional.empty()), 12),
                new FeatureBundle(new MavenCoordinates("org.example", "app", Optional.of("1.2.3")),
                        FeatureBundle.DEFAULT_START_ORDER)), f.bundles());
        Map<String, String> ws = f.configurations().get("org.tinyssb.link.websocket");
        assertEquals(Map.of("port", "8080", "host", "127.0.0.1", "open", "true", "peers", "ws://a,ws://b",
                "ratio", "0.5"), ws);
        assertEquals(List.of("port", "host", "open", "peers", "ratio"), List.copyOf(ws.keySet()),
                "the file's order is kept");
    }

    @Test
    void unknownMemberIsAnErrorNamingIt() {
        Path file = FeatureFiles.write(dir, "typo", "{ \"bundle\": [] }");
        FeatureException e = assertThrows(FeatureException.class, () -> FeatureReader.read(file));
        assertTrue(e.getMessage().contains("unknown member \"bundle\""), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void brokenJsonNamesTheFileAndPosition() {
        Path file = FeatureFiles.write(dir, "broken", "{ \"bundles\": [ \"a:b\" \n");
        FeatureException e = assertThrows(FeatureException.class, () -> FeatureReader.read(file));
        assertTrue(e.getMessage().startsWith("feature file " + file + ": not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Test
    void badEntriesAreRejectedWithTheirPlace() {
        assertRejected("{ \"bundles\": [ { \"start-order\": 3 } ] }", "bundles[0] has no \"id\"");
        assertRejected("{ \"bundles\": [ { \"id\": \"a:b\", \"start-order\": 0 } ] }", "start-order");
        assertRejected("{ \"bundles\": [ { \"id\": \"a:b\", \"start-order\": 2.5 } ] }", "start-order");
        assertRejected("{ \"bundles\": [ \"just-a-name\" ] }", "groupId:artifactId");
        assertRejected("{ \"bundles\": [ \"a::b\" ] }", "invalid part");
        assertRejected("{ \"bundles\": \"a:b\" }", "must be a list");
        assertRejected("{ \"configurations\": { \"pid\": 3 } }", "must be an object");
        assertRejected("{ \"configurations\": { \"pid\": { \"k\": { \"nested\": 1 } } } }", "pid.k");
        assertRejected("[]", "one JSON object");
    }

    private void assertRejected(String json, String expected) {
        Path file = FeatureFiles.write(dir, "bad", json);
        FeatureException e = assertThrows(FeatureException.class, () -> FeatureReader.read(file), json);
        assertTrue(e.getMessage().contains(expected), json + " → " + e.getMessage());
    }
}
