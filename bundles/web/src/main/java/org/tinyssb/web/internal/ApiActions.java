package org.tinyssb.web.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.NodeService;

/**
 * What the API changes (POST, with the access token): publish a text, follow or unfollow a feed,
 * start or stop a bundle. Each action checks its input and answers with a status and a JSON
 * document; nothing changes when the input is refused.
 */
final class ApiActions {
    /** An answer: HTTP status and the document. */
    record Answer(int status, Object document) {
        static Answer ok(Object document) {
            return new Answer(200, document);
        }

        static Answer refused(int status, String message) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", message);
            return new Answer(status, m);
        }
    }

    /** The framework's bundles, as far as the API may touch them. */
    interface Bundles {
        /** id, symbolic name, version, state and origin of every bundle. */
        List<Map<String, Object>> list();

        /** Starts or stops bundle {@code id}; returns null, or why it was refused. */
        String change(long id, boolean start);

        /** Installs and starts {@code jar} (checked as {@code bundle}): the bundle's document, or why not. */
        Answer install(byte[] jar, UploadedBundle bundle);

        /** Replaces bundle {@code id} with {@code jar}: the bundle's document, or why not. */
        Answer update(long id, byte[] jar, UploadedBundle bundle);

        /** Uninstalls bundle {@code id}. */
        Answer uninstall(long id);
    }

    /** Largest jar taken by {@code POST /api/bundles} and {@code .../update}. */
    static final int MAX_UPLOAD_BYTES = 16 << 20;

    private final NodeService node;
    private final Bundles bundles;

    ApiActions(NodeService node, Bundles bundles) {
        this.node = node;
        this.bundles = bundles;
    }

    /** The action at {@code path} with {@code body} (a JSON object; may be empty for bundle actions). */
    Answer perform(String path, String body) {
        if (path.startsWith("/bundles/")) {
            return bundle(path.substring("/bundles/".length()));
        }
        Map<String, Object> in;
        try {
            in = JsonReader.object(body);
        } catch (JsonReader.JsonException e) {
            return Answer.refused(400, e.getMessage());
        }
        return switch (path) {
            case "/publish" -> publish(in);
            case "/follow" -> follow(in, true);
            case "/unfollow" -> follow(in, false);
            default -> Answer.refused(404, "no action at /api" + path
                    + "; there are POST /api/publish, /api/follow, /api/unfollow, /api/bundles (a jar), "
                    + "/api/bundles/<id>/start|stop|update|uninstall");
        };
    }

    private Answer publish(Map<String, Object> in) {
        if (!(in.get("text") instanceof String text) || text.isBlank()) {
            return Answer.refused(400, "publish needs {\"text\": \"...\"} with some text (entries are permanent)");
        }
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        if (content.length > NodeService.MAX_CONTENT_LENGTH) {
            return Answer.refused(413, "the text has " + content.length + " bytes; at most "
                    + NodeService.MAX_CONTENT_LENGTH + " are published");
        }
        long seq = node.publish(content);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("bytes", content.length);
        return Answer.ok(m);
    }

    private Answer follow(Map<String, Object> in, boolean follow) {
        if (!(in.get("feed") instanceof String text)) {
            return Answer.refused(400, "needs {\"feed\": \"@...=.ed25519 or 64 hex digits\"}");
        }
        FeedId feed;
        try {
            feed = FeedId.parse(text);
        } catch (IllegalArgumentException e) {
            return Answer.refused(400, "not a feed id: " + e.getMessage());
        }
        boolean changed;
        try {
            changed = follow ? node.follow(feed) : node.unfollow(feed);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Answer.refused(409, e.getMessage());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feed", feed.toSsbId());
        m.put(follow ? "followed" : "unfollowed", changed);
        return Answer.ok(m);
    }

    /** Whether {@code path} takes a jar as its body: {@code /bundles} (install) and {@code /bundles/<id>/update}. */
    static boolean takesUpload(String path) {
        return path.equals("/bundles") || path.matches("/bundles/[^/]+/update");
    }

    /** Installs ({@code /bundles}) or updates ({@code /bundles/<id>/update}) from an uploaded jar. */
    Answer upload(String path, byte[] jar) {
        UploadedBundle bundle;
        try {
            bundle = UploadedBundle.inspect(jar);
        } catch (UploadedBundle.NotABundle e) {
            return Answer.refused(400, e.getMessage());
        }
        if (path.equals("/bundles")) {
            return bundles.install(jar, bundle);
        }
        String id = path.substring("/bundles/".length(), path.length() - "/update".length());
        try {
            return bundles.update(Long.parseLong(id), jar, bundle);
        } catch (NumberFormatException e) {
            return notAnId(id);
        }
    }

    private static Answer notAnId(String text) {
        return Answer.refused(400, "'" + text + "' is not a bundle id (GET /api/bundles lists them)");
    }

    private Answer bundle(String rest) {
        String[] parts = rest.split("/");
        if (parts.length != 2 || !List.of("start", "stop", "uninstall").contains(parts[1])) {
            return Answer.refused(404, "bundle actions are POST /api/bundles/<id>/start, /stop, /uninstall, and "
                    + "/update or POST /api/bundles with a jar as the body");
        }
        long id;
        try {
            id = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return notAnId(parts[0]);
        }
        if (parts[1].equals("uninstall")) {
            return bundles.uninstall(id);
        }
        String refused = bundles.change(id, parts[1].equals("start"));
        if (refused != null) {
            return Answer.refused(refused.startsWith("no bundle") ? 404 : 409, refused);
        }
        return Answer.ok(bundles.list().stream().filter(b -> ((Number) b.get("id")).longValue() == id).findFirst()
                .orElse(Map.of("id", id)));
    }
}
