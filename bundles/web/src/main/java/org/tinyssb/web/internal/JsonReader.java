package org.tinyssb.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the small JSON documents the API takes (objects of strings, numbers, booleans, null,
 * nested lists and objects). Pure and bounded: nesting deeper than {@value #MAX_DEPTH} and
 * anything after the document are errors, each with the position and what was expected.
 */
final class JsonReader {
    static final int MAX_DEPTH = 16;

    /** The document is not valid JSON. */
    static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonException(String message) {
            super(message);
        }
    }

    private final String text;
    private int pos;

    private JsonReader(String text) {
        this.text = text;
    }

    static Object read(String text) throws JsonException {
        JsonReader r = new JsonReader(text);
        r.space();
        Object v = r.value(0);
        r.space();
        if (r.pos != text.length()) {
            throw r.error("end of the document");
        }
        return v;
    }

    /** A JSON object with the named members, or an error saying what the document is instead. */
    static Map<String, Object> object(String text) throws JsonException {
        Object v = read(text);
        if (!(v instanceof Map<?, ?> m)) {
            throw new JsonException("expected a JSON object, got " + (v == null ? "null" : v.getClass().getSimpleName()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) m;
        return map;
    }

    private JsonException error(String expected) {
        return new JsonException("malformed JSON at character " + (pos + 1) + ": expected " + expected);
    }

    private void space() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private Object value(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw new JsonException("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> list(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("a value");
            }
        };
    }

    private Object literal(String word, Object value) throws JsonException {
        if (!text.startsWith(word, pos)) {
            throw error(word);
        }
        pos += word.length();
        return value;
    }

    private Object number() throws JsonException {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String n = text.substring(start, pos);
        try {
            return n.contains(".") || n.contains("e") || n.contains("E") ? (Object) Double.parseDouble(n) : Long.parseLong(n);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("a number");
        }
    }

    private String string() throws JsonException {
        pos++; // "
        StringBuilder b = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("four hex digits");
                        }
                        try {
                            b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException x) {
                            throw error("four hex digits");
                        }
                        pos += 4;
                    }
                    default -> throw error("an escape");
                }
            } else if (c < 0x20) {
                pos--;
                throw error("no control character in a string");
            } else {
                b.append(c);
            }
        }
        throw error("the end of the string");
    }

    private List<Object> list(int depth) throws JsonException {
        pos++; // [
        List<Object> out = new ArrayList<>();
        space();
        if (pos < text.length() && text.charAt(pos) == ']') {
            pos++;
            return out;
        }
        while (true) {
            space();
            out.add(value(depth + 1));
            space();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
            } else if (pos < text.length() && text.charAt(pos) == ']') {
                pos++;
                return out;
            } else {
                throw error("',' or ']'");
            }
        }
    }

    private Map<String, Object> object(int depth) throws JsonException {
        pos++; // {
        Map<String, Object> out = new LinkedHashMap<>();
        space();
        if (pos < text.length() && text.charAt(pos) == '}') {
            pos++;
            return out;
        }
        while (true) {
            space();
            if (pos >= text.length() || text.charAt(pos) != '"') {
                throw error("a member name in quotes");
            }
            String key = string();
            space();
            if (pos >= text.length() || text.charAt(pos) != ':') {
                throw error("':'");
            }
            pos++;
            space();
            out.put(key, value(depth + 1));
            space();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
            } else if (pos < text.length() && text.charAt(pos) == '}') {
                pos++;
                return out;
            } else {
                throw error("',' or '}'");
            }
        }
    }
}
