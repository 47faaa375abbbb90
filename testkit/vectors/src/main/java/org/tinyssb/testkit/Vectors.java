package org.tinyssb.testkit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The reference test vectors of the repository's {@code vectors/} folder, located through the
 * {@code tinyssb.vectors} system property that the parent POM sets for every test run.
 */
public final class Vectors {
    /** System property naming the vectors folder. */
    public static final String PROPERTY = "tinyssb.vectors";

    private static final HexFormat HEX = HexFormat.of();

    private Vectors() {
    }

    /** The vectors folder; fails with a clear message when the property is not set or wrong. */
    public static Path dir() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null) {
            throw new IllegalStateException("system property " + PROPERTY
                    + " is not set: run the tests through Maven, or set it to the repository's vectors/ folder");
        }
        Path path = Path.of(dir);
        if (!Files.isRegularFile(path.resolve("README.md"))) {
            throw new IllegalStateException(PROPERTY + "=" + dir + " is not the vectors folder");
        }
        return path;
    }

    /** One vector file, parsed. */
    public static JsonObject load(String fileName) {
        Path file = dir().resolve(fileName);
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vector file " + file, e);
        }
    }

    /** The bytes of a hex string member. */
    public static byte[] hex(JsonObject object, String member) {
        JsonElement e = object.get(member);
        if (e == null) {
            throw new IllegalArgumentException("vector has no member '" + member + "': " + object);
        }
        return HEX.parseHex(e.getAsString());
    }

    /** Bytes of a hex string. */
    public static byte[] hex(String hex) {
        return HEX.parseHex(hex);
    }

    /** Hex of bytes, for assertion messages. */
    public static String toHex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
