package org.tinyssb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Strict decoding of hostile input, and round trips of generated values. */
class BipfRobustnessTest {
    @Test
    void randomBytesEitherDecodeOrRaiseBipfExceptionNeverAnythingElse() {
        Random random = new Random(42);
        int decoded = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[random.nextInt(40)];
            random.nextBytes(b);
            try {
                Object v = Bipf.decode(b);
                // not always the same bytes (non-minimal ints and headers are valid), but stable
                byte[] canonical = Bipf.encode(v);
                assertArrayEquals(canonical, Bipf.encode(Bipf.decode(canonical)),
                        () -> "decoded value is stable: " + java.util.HexFormat.of().formatHex(b));
                decoded++;
            } catch (BipfException expected) {
                // refused with a reason: fine
            } catch (RuntimeException e) {
                throw new AssertionError("unexpected " + e + " for " + java.util.HexFormat.of().formatHex(b), e);
            }
        }
        assertTrue(decoded > 100, "some random inputs are valid BIPF: " + decoded);
    }

    @Test
    void deepNestingIsRefusedInsteadOfOverflowingTheStack() {
        int depth = 100_000;
        // [[[[...]]]]: each level a one-byte-header list holding the next (built inside out)
        byte[] nested = new byte[]{0x04};
        for (int i = 0; i < 70; i++) {
            byte[] header = Varint.encode(((long) nested.length << 3) | Bipf.LIST);
            byte[] next = new byte[header.length + nested.length];
            System.arraycopy(header, 0, next, 0, header.length);
            System.arraycopy(nested, 0, next, header.length, nested.length);
            nested = next;
        }
        byte[] input = nested;
        BipfException e = assertThrows(BipfException.class, () -> Bipf.decode(input));
        assertTrue(e.getMessage().contains("nesting deeper"), e.getMessage());
        assertTrue(depth > Bipf.MAX_DEPTH);
    }

    @Test
    void generatedValuesRoundTrip() throws BipfException {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            Object v = value(random, 0);
            byte[] encoded = Bipf.encode(v);
            assertEquals(encoded.length, Bipf.encodedLength(v));
            assertArrayEquals(encoded, Bipf.encode(Bipf.decode(encoded)));
        }
    }

    @Test
    void integersUseMinimalTwosComplementAndBigOnesSurvive() throws BipfException {
        assertEquals("0a00", hex(Bipf.encode(0)));
        assertEquals("0aff", hex(Bipf.encode(-1)));
        assertEquals("128000", hex(Bipf.encode(128)));
        BigInteger huge = BigInteger.ONE.shiftLeft(80).negate();
        assertEquals(huge, Bipf.decode(Bipf.encode(huge)));
        assertEquals(Long.MIN_VALUE, Bipf.decode(Bipf.encode(Long.MIN_VALUE)));
    }

    @Test
    void malformedUtf8AndOddSizesAreRefused() {
        assertThrows(BipfException.class, () -> Bipf.decode(new byte[] {0x08, (byte) 0xC3}), "cut UTF-8");
        assertThrows(BipfException.class, () -> Bipf.decode(new byte[] {0x0e, 0x02}), "bool 2");
        assertThrows(BipfException.class, () -> Bipf.decode(new byte[] {0x16, 0x00, 0x01}), "bool of 2 bytes");
        assertThrows(BipfException.class, () -> Bipf.decode(new byte[] {0x02}), "int of 0 bytes");
        assertThrows(IllegalArgumentException.class, () -> Bipf.encode("\uD800"), "lone surrogate");
        assertThrows(IllegalArgumentException.class, () -> Bipf.encode(new Object()), "no BIPF type");
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    private static Object value(Random r, int depth) {
        int kind = r.nextInt(depth > 3 ? 6 : 8);
        switch (kind) {
            case 0:
                return "s" + r.nextInt(1000) + (r.nextBoolean() ? "ü✓" : "");
            case 1: {
                byte[] b = new byte[r.nextInt(30)];
                r.nextBytes(b);
                return b;
            }
            case 2:
                return r.nextBoolean() ? (long) r.nextInt() : r.nextLong();
            case 3:
                return r.nextDouble() * 1e6 - 5e5;
            case 4:
                return r.nextBoolean();
            case 5:
                return null;
            case 6: {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    l.add(value(r, depth + 1));
                }
                return l;
            }
            default: {
                Map<Object, Object> m = new LinkedHashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    m.put("k" + i, value(r, depth + 1));
                }
                return m;
            }
        }
    }
}
