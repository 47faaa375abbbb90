package org.tinyssb.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void mapsInOrderListsNumbersAndEscapedStrings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "a \"quoted\" \\ line\nand </script>");
        m.put("n", 42L);
        m.put("x", 1.5);
        m.put("whole", 3.0);
        m.put("none", null);
        m.put("nan", Double.NaN);
        m.put("ok", true);
        m.put("list", List.of(1, "two"));
        m.put("ctl", "\u0001");
        assertEquals("{\"name\":\"a \\\"quoted\\\" \\\\ line\\nand \\u003c/script>\",\"n\":42,\"x\":1.5,\"whole\":3,"
                + "\"none\":null,\"nan\":null,\"ok\":true,\"list\":[1,\"two\"],\"ctl\":\"\\u0001\"}", Json.write(m));
        assertEquals("[null,[]]", Json.write(Arrays.asList(null, List.of())));
    }
}
