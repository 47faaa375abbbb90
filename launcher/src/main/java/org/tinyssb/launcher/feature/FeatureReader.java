package org.tinyssb.launcher.feature;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Reads one feature file. The format (documented in {@code features/README.md}) is JSON with
 * comments, close to the OSGi Feature Service format:
 *
 * <pre>{@code
 * {
 *   "description": "...",
 *   "includes": ["minimal"],
 *   "bundles": [ {"id": "org.tinyssb:org.tinyssb.core", "start-order": 10}, "g:a:v" ],
 *   "configurations": { "some.pid": { "key": "value", "port": 8080 } }
 * }
 * }</pre>
 *
 * Unknown members are errors, so that a typo does not silently drop a setting.
 */
public final class FeatureReader {
    private static final Set<String> FEATURE_MEMBERS =
            Set.of("description", "includes", "bundles", "configurations");
    private static final Set<String> BUNDLE_MEMBERS = Set.of("id", "start-order");

    private FeatureReader() {
    }

    /** The feature named after its file ({@code default.json} is feature {@code default}). */
    public static Feature read(Path file) throws FeatureException {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        JsonObject root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonReader json = new JsonReader(reader);
            json.setStrictness(Strictness.LENIENT); // comments are allowed
            JsonElement parsed = JsonParser.parseReader(json);
            if (!parsed.isJsonObject()) {
                throw new FeatureException(file, "the file must hold one JSON object");
            }
            root = parsed.getAsJsonObject();
        } catch (IOException e) {
            throw new FeatureException(file, "cannot read it: " + e.getMessage());
        } catch (JsonParseException e) {
            throw new FeatureException(file, "not valid JSON: " + rootMessage(e));
        }
        checkMembers(file, "feature", root, FEATURE_MEMBERS);
        return new Feature(name, optionalString(file, root, "description"), file,
                includes(file, root), bundles(file, root), configurations(file, root));
    }

    private static List<String> includes(Path file, JsonObject root) throws FeatureException {
        List<String> includes = new ArrayList<>();
        for (JsonElement e : array(file, root, "includes")) {
            includes.add(string(file, e, "includes"));
        }
        return includes;
    }

    private static List<FeatureBundle> bundles(Path file, JsonObject root) throws FeatureException {
        List<FeatureBundle> bundles = new ArrayList<>();
        JsonArray array = array(file, root, "bundles");
        for (int i = 0; i < array.size(); i++) {
            JsonElement e = array.get(i);
            String where = "bundles[" + i + "]";
            String id;
            int startOrder = FeatureBundle.DEFAULT_START_ORDER;
            if (e.isJsonObject()) {
                JsonObject b = e.getAsJsonObject();
                checkMembers(file, where, b, BUNDLE_MEMBERS);
                if (!b.has("id")) {
                    throw new FeatureException(file, where + " has no \"id\"");
                }
                id = string(file, b.get("id"), where + ".id");
                if (b.has("start-order")) {
                    startOrder = startOrder(file, b.get("start-order"), where);
                }
            } else {
                id = string(file, e, where);
            }
            try {
                bundles.add(new FeatureBundle(MavenCoordinates.parse(id), startOrder));
            } catch (IllegalArgumentException ex) {
                throw new FeatureException(file, where + ": " + ex.getMessage());
            }
        }
        return bundles;
    }

    private static int startOrder(Path file, JsonElement e, String where) throws FeatureException {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            BigDecimal n = e.getAsBigDecimal();
            if (n.scale() <= 0 && n.compareTo(BigDecimal.ONE) >= 0
                    && n.compareTo(BigDecimal.valueOf(FeatureBundle.MAX_START_ORDER)) <= 0) {
                return n.intValueExact();
            }
        }
        throw new FeatureException(file, where + ".start-order must be a whole number from 1 to "
                + FeatureBundle.MAX_START_ORDER + ", got " + e);
    }

    private static Map<String, Map<String, String>> configurations(Path file, JsonObject root)
            throws FeatureException {
        Map<String, Map<String, String>> configurations = new LinkedHashMap<>();
        JsonElement c = root.get("configurations");
        if (c == null) {
            return configurations;
        }
        if (!c.isJsonObject()) {
            throw new FeatureException(file, "\"configurations\" must be an object of PID → properties");
        }
        for (Map.Entry<String, JsonElement> pid : c.getAsJsonObject().entrySet()) {
            if (!pid.getValue().isJsonObject()) {
                throw new FeatureException(file, "configuration '" + pid.getKey()
                        + "' must be an object of properties");
            }
            Map<String, String> props = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> p : pid.getValue().getAsJsonObject().entrySet()) {
                props.put(p.getKey(), propertyValue(file, pid.getKey() + "." + p.getKey(), p.getValue()));
            }
            configurations.put(pid.getKey(), props);
        }
        return configurations;
    }

    /** Configuration values become strings (as in a .cfg file); lists become comma-separated. */
    private static String propertyValue(Path file, String where, JsonElement e) throws FeatureException {
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            return p.isNumber() ? p.getAsBigDecimal().toPlainString() : p.getAsString();
        }
        if (e.isJsonArray()) {
            StringJoiner joined = new StringJoiner(",");
            for (JsonElement item : e.getAsJsonArray()) {
                if (!item.isJsonPrimitive()) {
                    throw new FeatureException(file, "configuration value " + where
                            + " may list only strings, numbers and booleans");
                }
                joined.add(propertyValue(file, where, item));
            }
            return joined.toString();
        }
        throw new FeatureException(file, "configuration value " + where
                + " must be a string, number, boolean or list of them");
    }

    private static JsonArray array(Path file, JsonObject root, String member) throws FeatureException {
        JsonElement e = root.get(member);
        if (e == null) {
            return new JsonArray();
        }
        if (!e.isJsonArray()) {
            throw new FeatureException(file, "\"" + member + "\" must be a list");
        }
        return e.getAsJsonArray();
    }

    private static String optionalString(Path file, JsonObject root, String member)
            throws FeatureException {
        JsonElement e = root.get(member);
        return e == null ? "" : string(file, e, member);
    }

    private static String string(Path file, JsonElement e, String where) throws FeatureException {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new FeatureException(file, where + " must be a string, got " + e);
        }
        return e.getAsString();
    }

    private static void checkMembers(Path file, String where, JsonObject o, Set<String> allowed)
            throws FeatureException {
        for (String key : o.keySet()) {
            if (!allowed.contains(key)) {
                throw new FeatureException(file, where + " has an unknown member \"" + key
                        + "\" (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        // gson appends a long troubleshooting URL; the position is what the operator needs
        int see = m.indexOf("\nSee https://");
        return see < 0 ? m : m.substring(0, see);
    }
}
