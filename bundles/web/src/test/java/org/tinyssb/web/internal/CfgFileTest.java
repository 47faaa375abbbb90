package org.tinyssb.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CfgFileTest {
    @Test
    void valuesReplacedInPlaceNewOnesAppendedCommentsKept() {
        String before = String.join("\n",
                "# Replication settings",
                "goset.cap = 255",
                "# how often",
                "peer.beacon.interval.s=120",
                "",
                "");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("peer.beacon.interval.s", "300");
        values.put("state.dir", "C:\\node\nx");
        assertEquals(String.join("\n",
                "# Replication settings",
                "goset.cap = 255",
                "# how often",
                "peer.beacon.interval.s = 300",
                "state.dir = C:\\\\node\\nx",
                ""), CfgFile.with(before, values));
        assertEquals("a = 1\n", CfgFile.with("", Map.of("a", "1")));
    }

    @Test
    void keysOfLines() {
        assertEquals("a.b", CfgFile.keyOf("  a.b = c"));
        assertEquals("a", CfgFile.keyOf("a:c"));
        assertNull(CfgFile.keyOf("# a = b"));
        assertNull(CfgFile.keyOf("   "));
        assertNull(CfgFile.keyOf("= x"));
    }
}
