package org.tinyssb.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedInfo;
import org.tinyssb.api.GoSetStatus;
import org.tinyssb.api.Neighbour;
import org.tinyssb.api.NodeMetrics;
import org.tinyssb.api.NodeService;

class ApiActionsTest {
    private final List<String> published = new ArrayList<>();
    private final List<String> bundleChanges = new ArrayList<>();

    private final NodeService node = new NodeService() {
        @Override
        public long publish(byte[] content) {
            published.add(new String(content, StandardCharsets.UTF_8));
            return published.size();
        }

        @Override
        public long publish(FeedId author, byte[] content) {
            return publish(content);
        }

        @Override
        public Optional<EntryContent> read(FeedId feed, long seq) {
            return Optional.empty();
        }

        @Override
        public List<FeedInfo> feeds() {
            return List.of();
        }

        @Override
        public Optional<FeedInfo> feed(FeedId feed) {
            return Optional.empty();
        }

        @Override
        public boolean follow(FeedId feed) {
            return true;
        }

        @Override
        public boolean unfollow(FeedId feed) {
            throw new IllegalArgumentException("cannot unfollow the local feed " + feed);
        }

        @Override
        public NodeMetrics metrics() {
            return new NodeMetrics(0, 0, 0, Map.of(), List.of());
        }

        @Override
        public GoSetStatus goset() {
            return new GoSetStatus(3, 255, "proven", 2);
        }

        @Override
        public org.tinyssb.api.SyncStatus sync() {
            return new org.tinyssb.api.SyncStatus(List.of(), 0, 0, 0);
        }

        @Override
        public List<Neighbour> neighbours() {
            return List.of();
        }
    };

    private final ApiActions.Bundles bundles = new ApiActions.Bundles() {
        @Override
        public List<Map<String, Object>> list() {
            return List.of(Map.of("id", 7L, "name", "org.tinyssb.link.udp", "version", "0.1.0", "state", "ACTIVE"));
        }

        @Override
        public String change(long id, boolean start) {
            if (id != 7) {
                return "no bundle " + id;
            }
            bundleChanges.add((start ? "start " : "stop ") + id);
            return null;
        }

        @Override
        public ApiActions.Answer install(byte[] jar, UploadedBundle bundle) {
            bundleChanges.add("install " + bundle.symbolicName() + " " + bundle.version());
            return ApiActions.Answer.ok(Map.of("id", 9L));
        }

        @Override
        public ApiActions.Answer update(long id, byte[] jar, UploadedBundle bundle) {
            bundleChanges.add("update " + id + " to " + bundle.version());
            return ApiActions.Answer.ok(Map.of("id", id));
        }

        @Override
        public ApiActions.Answer uninstall(long id) {
            bundleChanges.add("uninstall " + id);
            return ApiActions.Answer.ok(Map.of("id", id));
        }
    };

    /** A jar in memory with a manifest of {@code headers} and one class-sized entry. */
    static byte[] jar(Map<String, String> headers) throws java.io.IOException {
        java.util.jar.Manifest m = new java.util.jar.Manifest();
        m.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.jar.JarOutputStream j = new java.util.jar.JarOutputStream(out, m)) {
            j.putNextEntry(new java.util.jar.JarEntry("org/example/App.class"));
            j.write(new byte[4096]);
            j.closeEntry();
        }
        return out.toByteArray();
    }

    @Test
    void uploadsMustBeWholeOsgiBundles() throws Exception {
        byte[] bundle = jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "org.example.app;singleton:=true",
                "Bundle-Version", "1.2.0"));
        assertEquals(200, actions.upload("/bundles", bundle).status());
        assertEquals(200, actions.upload("/bundles/9/update", bundle).status());
        assertEquals(200, actions.perform("/bundles/9/uninstall", "").status());
        assertEquals(List.of("install org.example.app 1.2.0", "update 9 to 1.2.0", "uninstall 9"), bundleChanges);
        bundleChanges.clear();

        Map<String, byte[]> refused = new java.util.LinkedHashMap<>();
        refused.put("not a jar with a manifest", "PK? no, just text".getBytes(StandardCharsets.UTF_8));
        refused.put("the upload is empty", new byte[0]);
        refused.put("no Bundle-SymbolicName: a plain jar", jar(Map.of("Main-Class", "org.example.App")));
        refused.put("not a readable jar", java.util.Arrays.copyOf(bundle, bundle.length / 2));
        refused.put("is not an OSGi version", jar(Map.of("Bundle-SymbolicName", "x", "Bundle-Version", "one")));
        for (Map.Entry<String, byte[]> r : refused.entrySet()) {
            ApiActions.Answer a = actions.upload("/bundles", r.getValue());
            assertEquals(400, a.status(), r.getKey());
            assertTrue(Json.write(a.document()).contains(r.getKey()), Json.write(a.document()));
        }
        assertEquals(400, actions.upload("/bundles/x/update", bundle).status());
        assertTrue(bundleChanges.isEmpty(), "nothing changed: " + bundleChanges);
        assertTrue(ApiActions.takesUpload("/bundles") && ApiActions.takesUpload("/bundles/9/update"));
        assertFalse(ApiActions.takesUpload("/bundles/9/stop"));
    }

    private final ApiActions actions = new ApiActions(node, bundles);

    @Test
    void publishFollowAndBundlesWithTheirAnswers() {
        ApiActions.Answer a = actions.perform("/publish", "{\"text\": \"hello\"}");
        assertEquals(200, a.status());
        assertEquals("{\"seq\":1,\"bytes\":5}", Json.write(a.document()));
        assertEquals(List.of("hello"), published);
        String feed = FeedId.of(new byte[32]).toSsbId();
        assertEquals(200, actions.perform("/follow", "{\"feed\": \"" + feed + "\"}").status());
        assertEquals(409, actions.perform("/unfollow", "{\"feed\": \"" + feed + "\"}").status(),
                "what the node refuses is a conflict, with its reason");
        assertEquals(200, actions.perform("/bundles/7/stop", "").status());
        assertEquals(List.of("stop 7"), bundleChanges);
        assertEquals(404, actions.perform("/bundles/8/start", "").status());
    }

    @Test
    void badInputChangesNothingAndSaysWhy() {
        assertEquals(400, actions.perform("/publish", "{\"text\": ").status());
        assertTrue(Json.write(actions.perform("/publish", "{\"text\": ").document()).contains("malformed JSON"));
        assertEquals(400, actions.perform("/publish", "{\"text\": \"   \"}").status(), "no empty entries");
        assertEquals(400, actions.perform("/publish", "{\"txt\": \"x\"}").status());
        assertEquals(400, actions.perform("/publish", "[\"x\"]").status());
        assertEquals(413, actions.perform("/publish", "{\"text\": \"" + "x".repeat(NodeService.MAX_CONTENT_LENGTH + 1)
                + "\"}").status());
        assertEquals(400, actions.perform("/follow", "{\"feed\": \"not-a-feed\"}").status());
        assertEquals(400, actions.perform("/bundles/x/stop", "").status());
        assertEquals(404, actions.perform("/bundles/7/restart", "").status());
        assertEquals(404, actions.perform("/nope", "{}").status());
        assertTrue(published.isEmpty() && bundleChanges.isEmpty(), "nothing changed");
    }

    @Test
    void theTokenIsMadeOnceKeptPrivateAndComparedExactly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("web/token");
        AccessToken made = AccessToken.configuredOr("", file);
        String secret = Files.readString(file).strip();
        assertTrue(secret.length() >= 32, "a long random token");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
        assertTrue(made.admits("Bearer " + secret));
        assertFalse(made.admits("Bearer " + secret + "x"));
        assertFalse(made.admits(secret));
        assertFalse(made.admits(null));
        assertTrue(AccessToken.configuredOr("", file).admits("Bearer " + secret), "the same token after a restart");
        AccessToken configured = AccessToken.configuredOr("s3cret", file);
        assertTrue(configured.admits("Bearer s3cret"));
        assertFalse(configured.admits("Bearer " + secret), "a configured token replaces the file's");
    }
}
