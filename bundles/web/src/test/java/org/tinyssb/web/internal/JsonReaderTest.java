package org.tinyssb.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
    @Test
    void objectsListsStringsNumbersAndLiterals() throws Exception {
        Map<String, Object> m = JsonReader.object(" {\"text\": \"hi \\\"there\\\"\\n\\u00e9\", \"n\": -12, \"x\": 1.5e2,"
                + " \"ok\": true, \"no\": null, \"list\": [1, [], {}]} ");
        assertEquals("hi \"there\"\né", m.get("text"));
        assertEquals(-12L, m.get("n"));
        assertEquals(150.0, m.get("x"));
        assertEquals(Boolean.TRUE, m.get("ok"));
        assertTrue(m.containsKey("no") && m.get("no") == null);
        assertEquals(List.of(1L, List.of(), Map.of()), m.get("list"));
        // what the writer writes, the reader reads (a whole double comes back as a whole number)
        m.remove("x");
        assertEquals(m, JsonReader.object(Json.write(m)));
    }

    @Test
    void malformedDocumentsAreRefusedWithWhereAndWhat() {
        for (String bad : new String[] {"", "{", "{\"a\":}", "{\"a\" 1}", "{a:1}", "[1,]", "{\"a\":1} x", "\"\u0001\"",
            "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "tru", "-", "{\"a\":1,}"}) {
            JsonReader.JsonException e = assertThrows(JsonReader.JsonException.class, () -> JsonReader.read(bad), bad);
            assertTrue(e.getMessage().startsWith("malformed JSON at character "), bad + ": " + e.getMessage());
        }
        assertThrows(JsonReader.JsonException.class, () -> JsonReader.read("[".repeat(100) + "]".repeat(100)),
                "nesting is bounded");
        assertEquals("expected a JSON object, got ArrayList",
                assertThrows(JsonReader.JsonException.class, () -> JsonReader.object("[1]")).getMessage());
    }
}
