package org.tinyssb.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The watched configuration folder: one {@code <pid>.cfg} file per configuration (factory
 * configurations as {@code <factory pid>-<name>.cfg}), as Felix FileInstall reads them.
 *
 * <p>Before the node starts, every file is checked so that a broken one stops the launch with
 * its name, instead of a component silently running on defaults. A feature's default
 * configuration is written into the folder for each PID that has no file yet, so the operator
 * sees and edits every setting in one place (files already there are never touched).
 */
final class ConfigFolder {
    private static final String CFG = ".cfg";

    private ConfigFolder() {
    }

    /** Checks (or, for the default folder, creates) the folder and parses every .cfg file. */
    static void prepare(Path dir, boolean namedByOperator) throws LaunchException {
        if (!Files.exists(dir)) {
            if (namedByOperator) {
                throw LaunchException.badInput("config directory " + dir + " does not exist");
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw LaunchException.badInput("cannot create config directory " + dir + ": " + e);
            }
        }
        if (!Files.isDirectory(dir) || !Files.isReadable(dir)) {
            throw LaunchException.badInput("config directory " + dir + " is not a readable directory");
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + CFG)) {
            for (Path f : files) {
                check(f);
            }
        } catch (IOException e) {
            throw LaunchException.badInput("cannot list config directory " + dir + ": " + e);
        }
    }

    private static void check(Path file) throws LaunchException {
        if (!Files.isReadable(file)) {
            throw LaunchException.badInput("config file " + file + " is not readable");
        }
        try (InputStream in = Files.newInputStream(file)) {
            new Properties().load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw LaunchException.badInput("config file " + file + " is malformed: " + e.getMessage());
        }
    }

    /** Writes the feature's configuration for every PID without a file; returns the files written. */
    static List<Path> seed(Path dir, String feature, Map<String, Map<String, String>> configurations)
            throws LaunchException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> c : configurations.entrySet()) {
            Path file = dir.resolve(fileName(c.getKey()));
            if (Files.exists(file) || Files.exists(dir.resolve(baseName(c.getKey()) + ".config"))) {
                continue;
            }
            StringBuilder text = new StringBuilder()
                    .append("# ").append(c.getKey()).append(": default of feature '").append(feature)
                    .append("', written on first start. Edit freely; changes apply while the node runs.\n");
            c.getValue().forEach((k, v) -> text.append(escape(k, true)).append(" = ")
                    .append(escape(v, false)).append('\n'));
            try {
                Path tmp = dir.resolve(file.getFileName() + ".tmp");
                Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw LaunchException.badInput("cannot write config file " + file + ": " + e);
            }
            written.add(file);
        }
        return written;
    }

    /** FileInstall's file name of a PID: {@code factory~name} becomes {@code factory-name.cfg}. */
    static String fileName(String pid) {
        return baseName(pid) + CFG;
    }

    private static String baseName(String pid) {
        return pid.replace('~', '-');
    }

    /** Escapes as {@link Properties#load} reads it; non-Latin-1 text as \\uXXXX. */
    static String escape(String s, boolean key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '=', ':', '#', '!' -> out.append(key ? "\\" + ch : String.valueOf(ch));
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }
}
