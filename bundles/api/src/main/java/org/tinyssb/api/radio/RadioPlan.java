package org.tinyssb.api.radio;

import java.util.Locale;

/**
 * A named radio plan: frequency, bandwidth and spreading factor of a LoRa segment, and the region
 * whose limits apply. The ESP32 firmware generations gave the same names different settings
 * (EU868.a is 250 kHz on {@code main}, 125 kHz in the 2025 {@code tinySSBlib}); a plan is
 * therefore known by its generation and its name, {@code main/EU868.a}.
 *
 * @param generation {@code main} (esp32/loramesh-TBeam), {@code tinySSBlib} (the 2025 firmware),
 *                   or {@code node} (plans of this node that no firmware has)
 */
public record RadioPlan(String generation, String name, long frequencyHz, int bandwidthHz, int spreadingFactor,
        Region region) {
    /** The mesh's sync word (every ESP32 generation). */
    public static final int MESH_SYNC_WORD = 0x58;
    /** Coding rate 4/5 and 8 preamble symbols: every plan of the mesh. */
    public static final int CODING_RATE = 5;
    public static final int PREAMBLE_SYMBOLS = 8;

    /** {@code generation/name}, e.g. {@code main/EU868.a}: what configurations name. */
    public String qualifiedName() {
        return generation + "/" + name;
    }

    /** E.g. {@code main/EU868.a (868.300 MHz, 250 kHz, SF7)}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (%.3f MHz, %d kHz, SF%d)", qualifiedName(), frequencyHz / 1e6,
                bandwidthHz / 1000, spreadingFactor);
    }

    /** The plan's settings with the mesh's sync word, at {@code txPowerDbm}, LoRa CRC as given. */
    public LoRaSettings settings(int txPowerDbm, boolean crc) {
        return new LoRaSettings(frequencyHz, bandwidthHz, spreadingFactor, CODING_RATE, PREAMBLE_SYMBOLS,
                MESH_SYNC_WORD, txPowerDbm, crc);
    }
}
