package org.tinyssb.codec;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyssb.testkit.Vectors;

/** Turns the vectors' tagged values ({"int": "1"}, {"list": [...]}) into the Java values Bipf uses. */
final class TaggedValues {
    private TaggedValues() {
    }

    static Object toJava(JsonElement tagged) {
        JsonObject o = tagged.getAsJsonObject();
        String tag = o.keySet().iterator().next();
        JsonElement v = o.get(tag);
        return switch (tag) {
            case "int" -> {
                BigInteger big = new BigInteger(v.getAsString());
                yield big.bitLength() < Long.SIZE ? (Object) big.longValue() : big;
            }
            case "double" -> Double.parseDouble(v.getAsString());
            case "string" -> v.getAsString();
            case "bytes" -> Vectors.hex(v.getAsString());
            case "bool" -> v.getAsBoolean();
            case "null" -> null;
            case "list" -> {
                List<Object> list = new ArrayList<>();
                v.getAsJsonArray().forEach(e -> list.add(toJava(e)));
                yield list;
            }
            case "dict" -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                v.getAsJsonArray().forEach(pair -> map.put(toJava(pair.getAsJsonArray().get(0)),
                        toJava(pair.getAsJsonArray().get(1))));
                yield map;
            }
            default -> throw new IllegalArgumentException("unknown tag " + tag);
        };
    }
}
