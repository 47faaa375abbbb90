package org.tinyssb.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code <pid>.cfg} file (FileInstall's format, {@code key = value} lines) with some values set:
 * lines of those keys are replaced in place, new keys appended, comments and every other line
 * kept as they were. Pure: text in, text out.
 */
final class CfgFile {
    private CfgFile() {
    }

    static String with(String text, Map<String, String> values) {
        Map<String, String> left = new LinkedHashMap<>(values);
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String key = keyOf(line);
            if (key != null && left.containsKey(key)) {
                out.add(key + " = " + escape(left.remove(key)));
            } else {
                out.add(line);
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        left.forEach((k, v) -> out.add(k + " = " + escape(v)));
        return String.join("\n", out) + "\n";
    }

    /** The key of a {@code key = value} line, or null for comments and blank lines. */
    static String keyOf(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#") || t.startsWith("!")) {
            return null;
        }
        int eq = t.indexOf('=');
        int colon = t.indexOf(':');
        int end = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
        return end <= 0 ? null : t.substring(0, end).strip();
    }

    /** A value as the properties format reads it back: backslashes and line ends escaped. */
    static String escape(String value) {
        StringBuilder b = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
