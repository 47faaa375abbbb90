package org.tinyssb.codec;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BIPF, the binary encoding of tinySSB contents: every value is a varint header
 * {@code (body length << 3) | type} followed by its body.
 *
 * <p>Java values: {@code String} (type 0), {@code byte[]} (1), {@code Long} or, beyond 64 bits,
 * {@code BigInteger} (2; {@code Integer}, {@code Short}, {@code Byte} are accepted when
 * encoding), {@code Double} (3; {@code Float} accepted), {@code List} (4), {@code Map} (5, kept in
 * encoding order as a {@code LinkedHashMap}), {@code Boolean} and {@code null} (6). Byte-string
 * dictionary keys compare by identity, as {@code byte[]} does.
 *
 * <p>Decoding is strict where the reference is lax: truncated bodies, lengths past the end,
 * elements overrunning their list, reserved type 7, malformed UTF-8, wrong double or boolean
 * sizes and nesting deeper than {@value #MAX_DEPTH} are all {@link BipfException}s. Strings are
 * encoded with their UTF-8 byte length (the reference counts characters, a known bug).
 */
public final class Bipf {
    public static final int STRING = 0;
    public static final int BYTES = 1;
    public static final int INT = 2;
    public static final int DOUBLE = 3;
    public static final int LIST = 4;
    public static final int DICT = 5;
    public static final int BOOL_NULL = 6;
    public static final int RESERVED = 7;
    /** Deepest nesting of lists and dictionaries decoded (protects the stack from hostile input). */
    public static final int MAX_DEPTH = 64;

    private static final int TYPE_BITS = 3;
    private static final int TYPE_MASK = 0x7;
    private static final int DOUBLE_LENGTH = 8;

    private Bipf() {
    }

    /** A decoded value and the number of bytes it took. */
    public record Decoded(Object value, int length) {
    }

    // ---------------------------------------------------------------- encoding

    public static byte[] encode(Object value) {
        byte[] out = new byte[encodedLength(value)];
        int end = write(value, out, 0);
        assert end == out.length;
        return out;
    }

    /** Length of {@code value}'s encoding, header included. */
    public static int encodedLength(Object value) {
        int body = bodyLength(value);
        return Varint.length(((long) body << TYPE_BITS) | type(value)) + body;
    }

    private static int type(Object v) {
        if (v == null || v instanceof Boolean) {
            return BOOL_NULL;
        } else if (v instanceof String) {
            return STRING;
        } else if (v instanceof byte[]) {
            return BYTES;
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return INT;
        } else if (v instanceof Double || v instanceof Float) {
            return DOUBLE;
        } else if (v instanceof Collection<?>) {
            return LIST;
        } else if (v instanceof Map<?, ?>) {
            return DICT;
        }
        throw new IllegalArgumentException("BIPF cannot encode a " + v.getClass().getName());
    }

    private static int bodyLength(Object v) {
        switch (type(v)) {
            case STRING:
                return utf8Bytes((String) v).length;
            case BYTES:
                return ((byte[]) v).length;
            case INT:
                return intBytes(v).length;
            case DOUBLE:
                return DOUBLE_LENGTH;
            case LIST: {
                int n = 0;
                for (Object e : (Collection<?>) v) {
                    n += encodedLength(e);
                }
                return n;
            }
            case DICT: {
                int n = 0;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    n += encodedLength(e.getKey()) + encodedLength(e.getValue());
                }
                return n;
            }
            default:
                return v == null ? 0 : 1;
        }
    }

    private static int write(Object v, byte[] out, int offset) {
        int type = type(v);
        int body = bodyLength(v);
        int i = offset + Varint.write(((long) body << TYPE_BITS) | type, out, offset);
        switch (type) {
            case STRING -> {
                byte[] s = utf8Bytes((String) v);
                System.arraycopy(s, 0, out, i, s.length);
                i += s.length;
            }
            case BYTES -> {
                byte[] b = (byte[]) v;
                System.arraycopy(b, 0, out, i, b.length);
                i += b.length;
            }
            case INT -> {
                byte[] le = intBytes(v);
                System.arraycopy(le, 0, out, i, le.length);
                i += le.length;
            }
            case DOUBLE -> {
                ByteBuffer.wrap(out, i, DOUBLE_LENGTH).order(ByteOrder.LITTLE_ENDIAN)
                        .putDouble(((Number) v).doubleValue());
                i += DOUBLE_LENGTH;
            }
            case LIST -> {
                for (Object e : (Collection<?>) v) {
                    i = write(e, out, i);
                }
            }
            case DICT -> {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    i = write(e.getKey(), out, i);
                    i = write(e.getValue(), out, i);
                }
            }
            default -> {
                if (v != null) {
                    out[i++] = (byte) (((Boolean) v) ? 1 : 0);
                }
            }
        }
        return i;
    }

    /** Minimal two's complement, little-endian (at least one byte, so 0 is {@code 00}). */
    private static byte[] intBytes(Object v) {
        BigInteger big = v instanceof BigInteger b ? b : BigInteger.valueOf(((Number) v).longValue());
        byte[] be = big.toByteArray(); // minimal big-endian two's complement
        byte[] le = new byte[be.length];
        for (int i = 0; i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }

    /** UTF-8 bytes of {@code s}; a string with a lone surrogate has none and is refused. */
    private static byte[] utf8Bytes(String s) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("string is not valid Unicode (lone surrogate): cannot encode");
        }
    }

    // ---------------------------------------------------------------- decoding

    /** Decodes {@code in}, which must hold exactly one value. */
    public static Object decode(byte[] in) throws BipfException {
        return decode(in, 0, in.length);
    }

    /** Decodes the {@code length} bytes at {@code offset}, which must hold exactly one value. */
    public static Object decode(byte[] in, int offset, int length) throws BipfException {
        int limit = offset + length;
        Decoded d = decodePrefix(in, offset, limit);
        if (d.length() != length) {
            throw new BipfException((length - d.length()) + " bytes after the value at offset "
                    + (offset + d.length()));
        }
        return d.value();
    }

    /** Decodes the value at {@code offset}, reading no further than {@code limit}. */
    public static Decoded decodePrefix(byte[] in, int offset, int limit) throws BipfException {
        if (offset < 0 || limit > in.length || offset > limit) {
            throw new BipfException("range " + offset + ".." + limit + " outside input of " + in.length);
        }
        int[] end = new int[1];
        Object v = value(in, offset, limit, 0, end);
        return new Decoded(v, end[0] - offset);
    }

    private static Object value(byte[] in, int offset, int limit, int depth, int[] end) throws BipfException {
        if (offset >= limit) {
            throw new BipfException("value expected at offset " + offset + ", input ends");
        }
        Varint.Decoded header;
        try {
            header = Varint.decode(in, offset, limit);
        } catch (CodecException e) {
            throw new BipfException("header at offset " + offset + ": " + e.getMessage());
        }
        int type = (int) (header.value() & TYPE_MASK);
        long bodyLength = header.value() >>> TYPE_BITS;
        int body = offset + header.length();
        if (bodyLength > limit - body) {
            throw new BipfException("value at offset " + offset + " says " + bodyLength
                    + " body bytes, only " + (limit - body) + " left");
        }
        int bodyEnd = body + (int) bodyLength;
        end[0] = bodyEnd;
        int n = (int) bodyLength;
        switch (type) {
            case STRING:
                return utf8(in, body, n, offset);
            case BYTES:
                return java.util.Arrays.copyOfRange(in, body, bodyEnd);
            case INT:
                return integer(in, body, n, offset);
            case DOUBLE:
                if (n != DOUBLE_LENGTH) {
                    throw new BipfException("double at offset " + offset + " has " + n + " bytes, not 8");
                }
                return ByteBuffer.wrap(in, body, n).order(ByteOrder.LITTLE_ENDIAN).getDouble();
            case LIST:
                return list(in, body, bodyEnd, depth, offset);
            case DICT:
                return dict(in, body, bodyEnd, depth, offset);
            case BOOL_NULL:
                return boolOrNull(in, body, n, offset);
            default:
                throw new BipfException("reserved type 7 at offset " + offset);
        }
    }

    private static List<Object> list(byte[] in, int body, int bodyEnd, int depth, int offset)
            throws BipfException {
        checkDepth(depth, offset);
        List<Object> list = new ArrayList<>();
        int[] end = new int[1];
        for (int i = body; i < bodyEnd; i = end[0]) {
            list.add(value(in, i, bodyEnd, depth + 1, end));
        }
        return list;
    }

    private static Map<Object, Object> dict(byte[] in, int body, int bodyEnd, int depth, int offset)
            throws BipfException {
        checkDepth(depth, offset);
        Map<Object, Object> map = new LinkedHashMap<>();
        int[] end = new int[1];
        for (int i = body; i < bodyEnd; ) {
            Object key = value(in, i, bodyEnd, depth + 1, end);
            if (end[0] >= bodyEnd) {
                throw new BipfException("dictionary at offset " + offset + " has a key without a value");
            }
            Object val = value(in, end[0], bodyEnd, depth + 1, end);
            map.put(key, val);
            i = end[0];
        }
        return map;
    }

    private static void checkDepth(int depth, int offset) throws BipfException {
        if (depth >= MAX_DEPTH) {
            throw new BipfException("nesting deeper than " + MAX_DEPTH + " at offset " + offset);
        }
    }

    private static Object integer(byte[] in, int body, int n, int offset) throws BipfException {
        if (n == 0) {
            throw new BipfException("int at offset " + offset + " has no bytes");
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = in[body + n - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < Long.SIZE ? (Object) v.longValue() : v;
    }

    private static Object boolOrNull(byte[] in, int body, int n, int offset) throws BipfException {
        if (n == 0) {
            return null;
        }
        if (n == 1 && (in[body] == 0 || in[body] == 1)) {
            return in[body] == 1;
        }
        throw new BipfException("boolean at offset " + offset + " is not one byte 00 or 01");
    }

    private static String utf8(byte[] in, int body, int n, int offset) throws BipfException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(in, body, n));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new BipfException("string at offset " + offset + " is not valid UTF-8");
        }
    }
}
