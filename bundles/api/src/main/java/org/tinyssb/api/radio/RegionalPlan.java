package org.tinyssb.api.radio;

import java.util.Locale;

/**
 * The radio plans of the tinySSB ESP32 mesh (all: sync word 0x58, explicit header, coding rate
 * 4/5, 8 preamble symbols, CRC on), with the duty cycle the region allows by default.
 */
public enum RegionalPlan {
    EU868_A(868_300_000L, 250_000, 7, 0.01),
    EU868_B(868_300_000L, 125_000, 7, 0.01),
    US915_A(904_600_000L, 500_000, 8, 1.0),
    US915_B(904_600_000L, 125_000, 7, 1.0),
    AU915_A(917_500_000L, 500_000, 8, 1.0),
    AU915_B(917_500_000L, 125_000, 7, 1.0);

    /** The mesh's sync word. */
    public static final int SYNC_WORD = 0x58;

    private final long frequencyHz;
    private final int bandwidthHz;
    private final int spreadingFactor;
    private final double dutyCycle;

    RegionalPlan(long frequencyHz, int bandwidthHz, int spreadingFactor, double dutyCycle) {
        this.frequencyHz = frequencyHz;
        this.bandwidthHz = bandwidthHz;
        this.spreadingFactor = spreadingFactor;
        this.dutyCycle = dutyCycle;
    }

    /** The plan's settings at {@code txPowerDbm}. */
    public LoRaSettings settings(int txPowerDbm) {
        return new LoRaSettings(frequencyHz, bandwidthHz, spreadingFactor, 5, 8, SYNC_WORD, txPowerDbm, true);
    }

    /** Share of time the region lets a device transmit (EU868: 1 %). */
    public double dutyCycle() {
        return dutyCycle;
    }

    /** The mesh's name of the plan, e.g. {@code EU868.a}. */
    public String displayName() {
        String n = name();
        return n.substring(0, n.indexOf('_')) + "." + n.substring(n.indexOf('_') + 1).toLowerCase(Locale.ROOT);
    }

    /** A plan by its mesh name ({@code EU868.a}) or constant name ({@code EU868_A}), case-insensitive. */
    public static RegionalPlan parse(String name) {
        String n = name.strip().replace('.', '_').toUpperCase(Locale.ROOT);
        for (RegionalPlan p : values()) {
            if (p.name().equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown radio plan '" + name + "' (EU868.a, EU868.b, US915.a, US915.b, "
                + "AU915.a, AU915.b)");
    }
}
