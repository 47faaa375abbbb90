package org.tinyssb.api.radio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoRaSettingsTest {
    @Test
    void airtimeFollowsSemtechsFormula() {
        // SF7, 125 kHz, CR 4/5, 8 preamble symbols, CRC on, 124 bytes (a packet and its CRC32):
        // Tsym 1.024 ms; preamble 12.25 Tsym; payload 8 + ceil((992 - 28 + 28 + 16) / 28) * 5 = 188 Tsym
        assertEquals(205.056, RadioPlans.parse("main/EU868.b").settings(14, true).airtimeMillis(124), 1e-9);
        // SF7, 250 kHz: half of that
        assertEquals(102.528, RadioPlans.parse("main/EU868.a").settings(14, true).airtimeMillis(124), 1e-9);
        // without the radio's CRC (the mesh firmware): 16 bits fewer, here not a symbol group fewer
        assertEquals(102.528, RadioPlans.parse("main/EU868.a").settings(14, false).airtimeMillis(124), 1e-9);
        assertEquals(99.968, RadioPlans.parse("main/EU868.a").settings(14, false).airtimeMillis(121), 1e-9);
        // SF12, 125 kHz: 32.768 ms symbols, low data rate optimisation on
        LoRaSettings sf12 = new LoRaSettings(868_100_000L, 125_000, 12, 5, 8, 0x34, 14, true);
        assertTrue(sf12.lowDataRateOptimize());
        double expected = (8 + 4.25) * 32.768 + (8 + Math.ceil((8.0 * 20 - 48 + 28 + 16) / (4.0 * 10)) * 5) * 32.768;
        assertEquals(expected, sf12.airtimeMillis(20), 1e-9);
        assertFalse(RadioPlans.parse("US915.a").settings(14, false).lowDataRateOptimize());
        assertThrows(IllegalArgumentException.class, () -> new LoRaSettings(868_300_000L, 100_000, 7, 5, 8, 0x58, 14, true));
    }
}
