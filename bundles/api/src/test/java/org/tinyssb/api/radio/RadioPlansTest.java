package org.tinyssb.api.radio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both firmware generations' plan tables, names without ambiguity, and the regions' limits. */
class RadioPlansTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // plan,              MHz * 1000, kHz, SF
        "main/EU868.a,        868300, 250, 7",
        "main/EU868.b,        868300, 125, 7",
        "main/US915.a,        904600, 500, 8",
        "main/US915.b,        904600, 125, 7",
        "main/AU915.a,        917500, 500, 8",
        "main/AU915.b,        917500, 125, 7",
        "tinySSBlib/EU868.a,  868300, 125, 7",
        "tinySSBlib/EU868.b,  868300, 250, 7",
        "tinySSBlib/EU868.c,  868300, 500, 7",
        "tinySSBlib/AU915.b,  917500, 250, 7",
        "tinySSBlib/EU433.a,  433300, 125, 7",
        "node/EU868.g3,       869525, 125, 7"})
    void eachGenerationsPlansHaveTheirFirmwaresSettings(String name, long kilohertz, int bandwidthKhz, int sf) {
        LoRaSettings s = RadioPlans.parse(name).settings(10, false);
        assertEquals(kilohertz * 1000, s.frequencyHz());
        assertEquals(bandwidthKhz * 1000, s.bandwidthHz());
        assertEquals(sf, s.spreadingFactor());
        assertEquals(5, s.codingRate());
        assertEquals(8, s.preambleSymbols());
        assertEquals(0x58, s.syncWord());
        assertFalse(s.crc());
    }

    @Test
    void aNameTwoGenerationsUseDifferentlyIsRefusedWithBothMeanings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RadioPlans.parse("EU868.a"));
        assertTrue(e.getMessage().contains("main/EU868.a (868.300 MHz, 250 kHz, SF7)"), e.getMessage());
        assertTrue(e.getMessage().contains("tinySSBlib/EU868.a (868.300 MHz, 125 kHz, SF7)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RadioPlans.parse("AU915.b"));
        assertEquals("main/US915.a", RadioPlans.parse("us915.A").qualifiedName(), "one generation has it: bare is fine");
        assertEquals("tinySSBlib/EU433.a", RadioPlans.parse("EU433.a").qualifiedName());
        assertEquals("tinySSBlib/EU868.a", RadioPlans.parse("TINYSSBLIB/eu868.a").qualifiedName());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> RadioPlans.parse("EU868.z"));
        assertTrue(unknown.getMessage().contains("main/EU868.a"), "lists the plans: " + unknown.getMessage());
    }

    @Test
    void eachPlanTakesItsSubBandsDutyCycleAndPowerLimit() {
        RadioPlans.Choice eu = RadioPlans.choose("main/EU868.a", 0, 0, 0, 14, false, -1);
        assertEquals(0.01, eu.dutyCycle());
        assertEquals("h1.4+g1", eu.band().name());
        assertThrows(IllegalArgumentException.class, () -> RadioPlans.choose("main/EU868.a", 0, 0, 0, 15, false, -1),
                "25 mW in EU868's 1 % bands");
        RadioPlans.Choice g3 = RadioPlans.choose("node/EU868.g3", 0, 0, 0, 20, false, -1);
        assertEquals(0.10, g3.dutyCycle(), "the 10 % sub-band");
        assertEquals(20, g3.settings().txPowerDbm(), "500 mW allowed; the radios' 20 dBm is the limit");
        assertThrows(IllegalArgumentException.class, () -> RadioPlans.choose("EU433.a", 0, 0, 0, 11, false, -1));
        RadioPlans.Choice au = RadioPlans.choose("main/AU915.a", 0, 0, 0, 20, false, -1);
        assertEquals(1.0, au.dutyCycle(), "no duty cycle in AU915");
        IllegalArgumentException tooLoud = assertThrows(IllegalArgumentException.class,
                () -> RadioPlans.choose("main/US915.a", 0, 0, 0, 22, false, -1));
        assertTrue(tooLoud.getMessage().contains("20 dBm"), tooLoud.getMessage());
        IllegalArgumentException tooMuch = assertThrows(IllegalArgumentException.class,
                () -> RadioPlans.choose("main/EU868.a", 0, 0, 0, 14, false, 0.05));
        assertTrue(tooMuch.getMessage().contains("above the 1 % EU868 allows"), tooMuch.getMessage());
        assertEquals(0.005, RadioPlans.choose("main/EU868.a", 0, 0, 0, 14, false, 0.005).dutyCycle(), "lower is fine");
    }

    @Test
    void frequencyBandwidthAndSpreadingFactorCanBeStatedExplicitly() {
        RadioPlans.Choice c = RadioPlans.choose("main/EU868.b", 869_525_000L, 250_000, 9, 20, false, -1);
        assertEquals(869_525_000L, c.settings().frequencyHz());
        assertEquals(250_000, c.settings().bandwidthHz());
        assertEquals(9, c.settings().spreadingFactor());
        assertEquals("g3", c.band().name(), "the explicit frequency decides the sub-band");
        assertEquals(0.10, c.dutyCycle());
        IllegalArgumentException straddles = assertThrows(IllegalArgumentException.class,
                () -> RadioPlans.choose("main/EU868.a", 868_550_000L, 250_000, 0, 14, false, -1));
        assertTrue(straddles.getMessage().contains("not inside one sub-band of EU868"), straddles.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RadioPlans.choose("main/EU868.a", 915_000_000L, 0, 0, 14, false, -1), "not in EU868 at all");
        assertThrows(IllegalArgumentException.class, () -> RadioPlans.choose("main/EU868.a", 0, 0, 13, 14, false, -1));
        assertTrue(c.describe().startsWith("main/EU868.b: 869.525 MHz, 250 kHz, SF9, 20 dBm, duty cycle 10 % (EU868 g3)"),
                c.describe());
    }
}
