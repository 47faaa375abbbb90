package org.tinyssb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.NodeMetrics;

class AirtimeTableTest {
    @Test
    void eachRadioByKindAgainstItsBudgetAndNothingForOtherLinks() {
        Map<String, Long> packets = new LinkedHashMap<>();
        packets.put("goset", 2L);
        packets.put("want", 10L);
        packets.put("chnk", 0L);
        packets.put("answer", 30L);
        Map<String, Double> air = new LinkedHashMap<>();
        air.put("goset", 400.0);
        air.put("want", 1_600.0);
        air.put("chnk", 0.0);
        air.put("answer", 8_000.0);
        NodeMetrics.LinkMetrics radio = new NodeMetrics.LinkMetrics("lora:sim", 5, 42, 0, packets,
                new NodeMetrics.Airtime(air, 9_000, 36_000, 3_600_000));
        NodeMetrics.LinkMetrics socket = new NodeMetrics.LinkMetrics("ws:127.0.0.1:1", 1, 1, 0);
        assertEquals(String.join("\n",
                "lora:sim: 10.0 s on the air since attached, 20 % control; budget 9.0 s used of 36.0 s per hour (25 %)",
                "kind             packets  air time  share",
                "------  -------  -------  --------  -----",
                "goset   control        2  0.4 s     4 %",
                "want    control       10  1.6 s     16 %",
                "answer  data          30  8.0 s     80 %",
                ""), NodeCommands.airtimeTable(List.of(socket, radio)));
        assertEquals("no radio links\n", NodeCommands.airtimeTable(List.of(socket)));
    }
}
