package org.tinyssb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.tinyssb.testkit.Vectors;

/** bipf.json: every case encodes to the reference bytes and decodes back; every invalid case is refused. */
class BipfVectorsTest {
    private static final JsonObject VECTORS = Vectors.load("bipf.json");

    @Test
    void everyCaseEncodesToTheReferenceBytesAndDecodesBack() throws BipfException {
        int n = 0;
        for (JsonElement e : VECTORS.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            Object value = TaggedValues.toJava(c.get("value"));
            byte[] expected = Vectors.hex(c, "hex");
            String what = c.get("value").toString();
            assertEquals(Vectors.toHex(expected), Vectors.toHex(Bipf.encode(value)), what);
            assertEquals(expected.length, Bipf.encodedLength(value), what);
            // decoded values re-encode to the same bytes: structure, types and order survive
            assertArrayEquals(expected, Bipf.encode(Bipf.decode(expected)), what);
            n++;
        }
        assertTrue(n >= 40, "all cases read: " + n);
    }

    @Test
    void stringLengthsCountUtf8BytesNotCharacters() throws BipfException {
        JsonObject u = VECTORS.getAsJsonObject("unicode");
        String text = TaggedValues.toJava(u.get("value")).toString();
        byte[] correct = Vectors.hex(u, "correct_hex");
        assertArrayEquals(correct, Bipf.encode(text));
        assertEquals(text, Bipf.decode(correct));

        // the reference's bytes: its header covers 7 of the 12 UTF-8 bytes
        byte[] reference = Vectors.hex(u, "reference_hex");
        Bipf.Decoded prefix = Bipf.decodePrefix(reference, 0, reference.length);
        assertEquals("grüße", prefix.value());
        assertEquals(8, prefix.length());
        BipfException e = assertThrows(BipfException.class, () -> Bipf.decode(reference));
        assertTrue(e.getMessage().contains("4 bytes after the value"), e.getMessage());
    }

    @Test
    void everyInvalidEncodingIsRefused() {
        int n = 0;
        for (JsonElement e : VECTORS.getAsJsonArray("invalid")) {
            JsonObject c = e.getAsJsonObject();
            byte[] bytes = Vectors.hex(c, "hex");
            assertThrows(BipfException.class, () -> Bipf.decode(bytes), c.get("why_invalid").getAsString());
            n++;
        }
        assertEquals(8, n);
    }
}
