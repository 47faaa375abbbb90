package org.tinyssb.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.NodeMetrics;

class LinkHistoryTest {
    private static NodeMetrics.LinkMetrics link(String id, long in, long out) {
        return new NodeMetrics.LinkMetrics(id, in, out, 0, Map.of(), null);
    }

    @Test
    void ratesBetweenSamplesForTheLastHourWithinBounds() {
        LinkHistory h = new LinkHistory();
        h.sample(0, List.of(link("ws-in:1", 0, 0)));
        h.sample(30_000, List.of(link("ws-in:1", 300, 600)));
        h.sample(60_000, List.of(link("ws-in:1", 10, 20))); // the link started over: no rate there
        h.sample(90_000, List.of(link("ws-in:1", 40, 80)));
        assertEquals(List.of(new LinkHistory.Rate(60, 10, 20, 0), new LinkHistory.Rate(0, 1, 2, 0)),
                h.rates(90_000).get("ws-in:1"));

        for (int i = 0; i < 3 * LinkHistory.MAX_SAMPLES; i++) {
            h.sample(90_000 + i * LinkHistory.SAMPLE_MILLIS, List.of(link("ws-in:1", i, i)));
        }
        assertTrue(h.rates(0).get("ws-in:1").size() < LinkHistory.MAX_SAMPLES, "an hour of samples at most");
        for (int i = 0; i < 3 * LinkHistory.MAX_LINKS; i++) {
            h.sample(10_000_000, List.of(link("peer-" + i, 1, 1)));
        }
        assertTrue(h.rates(10_000_000).size() <= LinkHistory.MAX_LINKS, "links bounded");
    }
}
