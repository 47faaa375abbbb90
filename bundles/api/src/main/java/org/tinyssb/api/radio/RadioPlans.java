package org.tinyssb.api.radio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The plan tables of both ESP32 firmware generations and this node's own plans, and the choice of
 * radio settings from a configuration: a plan, optionally overridden frequency, bandwidth and
 * spreading factor, a transmit power and a duty cycle, checked against the region's limits.
 */
public final class RadioPlans {
    private static final List<RadioPlan> ALL = List.of(
            // esp32/loramesh-TBeam (main)
            new RadioPlan("main", "EU868.a", 868_300_000L, 250_000, 7, Region.EU868),
            new RadioPlan("main", "EU868.b", 868_300_000L, 125_000, 7, Region.EU868),
            new RadioPlan("main", "US915.a", 904_600_000L, 500_000, 8, Region.US915),
            new RadioPlan("main", "US915.b", 904_600_000L, 125_000, 7, Region.US915),
            new RadioPlan("main", "AU915.a", 917_500_000L, 500_000, 8, Region.AU915),
            new RadioPlan("main", "AU915.b", 917_500_000L, 125_000, 7, Region.AU915),
            // esp32/tinySSBlib (2025: graffiti and T-Deck branches)
            new RadioPlan("tinySSBlib", "EU868.a", 868_300_000L, 125_000, 7, Region.EU868),
            new RadioPlan("tinySSBlib", "EU868.b", 868_300_000L, 250_000, 7, Region.EU868),
            new RadioPlan("tinySSBlib", "EU868.c", 868_300_000L, 500_000, 7, Region.EU868),
            new RadioPlan("tinySSBlib", "AU915.b", 917_500_000L, 250_000, 7, Region.AU915),
            new RadioPlan("tinySSBlib", "EU433.a", 433_300_000L, 125_000, 7, Region.EU433),
            // this node's: EU868's 10 % sub-band (869.4–869.65 MHz), for nodes that share it
            new RadioPlan("node", "EU868.g3", 869_525_000L, 125_000, 7, Region.EU868));

    /** Radios above 20 dBm exist (SX1262: 22), but no board of the mesh runs them so. */
    public static final int MAX_TX_POWER_DBM = 20;

    private RadioPlans() {
    }

    public static List<RadioPlan> all() {
        return ALL;
    }

    /**
     * The plan named {@code name}: qualified ({@code main/EU868.a}, {@code tinySSBlib/EU868.a}) or,
     * where only one generation has the name, bare ({@code US915.a}); case-insensitive.
     *
     * @throws IllegalArgumentException for an unknown name, or a bare name two generations use
     *                                  differently (the message lists both)
     */
    public static RadioPlan parse(String name) {
        String n = name.strip();
        int slash = n.indexOf('/');
        List<RadioPlan> matches = new ArrayList<>();
        for (RadioPlan p : ALL) {
            boolean nameMatches = p.name().equalsIgnoreCase(slash < 0 ? n : n.substring(slash + 1));
            boolean generationMatches = slash < 0 || p.generation().equalsIgnoreCase(n.substring(0, slash));
            if (nameMatches && generationMatches) {
                matches.add(p);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("unknown radio plan '" + name + "'; plans: "
                    + String.join(", ", ALL.stream().map(RadioPlan::qualifiedName).toList()));
        }
        throw new IllegalArgumentException("radio plan '" + name + "' is ambiguous: "
                + String.join(" but ", matches.stream().map(RadioPlan::describe).toList())
                + "; name the firmware generation your mesh runs, e.g. " + matches.get(0).qualifiedName());
    }

    /**
     * What a radio is tuned to, from a configuration, within the region's limits.
     *
     * @param plan      the plan chosen
     * @param settings  the radio settings (plan with overrides, power, CRC)
     * @param band      the region's sub-band the channel lies in
     * @param dutyCycle the share of time the radio may send
     */
    public record Choice(RadioPlan plan, LoRaSettings settings, Region.Band band, double dutyCycle) {
        /** One line for the log, e.g. {@code main/EU868.a: 868.300 MHz, 250 kHz, SF7, 14 dBm, duty cycle 1 % (EU868 h1.4+g1)}. */
        public String describe() {
            return String.format(Locale.ROOT, "%s: %.3f MHz, %d kHz, SF%d, %d dBm, duty cycle %s %% (%s %s)",
                    plan.qualifiedName(), settings.frequencyHz() / 1e6, settings.bandwidthHz() / 1000,
                    settings.spreadingFactor(), settings.txPowerDbm(), percent(dutyCycle), plan.region(), band.name());
        }
    }

    /**
     * Settings from a configuration. {@code frequencyHz}, {@code bandwidthHz} and
     * {@code spreadingFactor} of 0 take the plan's; a negative {@code dutyCycle} the sub-band's.
     *
     * @throws IllegalArgumentException with one line saying which limit a value breaks
     */
    public static Choice choose(String planName, long frequencyHz, int bandwidthHz, int spreadingFactor,
            int txPowerDbm, boolean crc, double dutyCycle) {
        RadioPlan plan = parse(planName);
        long f = frequencyHz == 0 ? plan.frequencyHz() : frequencyHz;
        int bw = bandwidthHz == 0 ? plan.bandwidthHz() : bandwidthHz;
        int sf = spreadingFactor == 0 ? plan.spreadingFactor() : spreadingFactor;
        Region.Band band = plan.region().band(f, bw);
        if (txPowerDbm > band.maxPowerDbm()) {
            throw new IllegalArgumentException("transmit power " + txPowerDbm + " dBm is above the " + band.maxPowerDbm()
                    + " dBm " + plan.region() + " allows in " + band);
        }
        if (txPowerDbm > MAX_TX_POWER_DBM) {
            throw new IllegalArgumentException("transmit power " + txPowerDbm + " dBm is above the radios' "
                    + MAX_TX_POWER_DBM + " dBm");
        }
        double duty = dutyCycle < 0 ? band.dutyCycle() : dutyCycle;
        if (duty > band.dutyCycle() || duty == 0) {
            throw new IllegalArgumentException("duty cycle " + percent(duty) + " % is "
                    + (duty == 0 ? "zero" : "above the " + percent(band.dutyCycle()) + " % " + plan.region()
                            + " allows in " + band));
        }
        LoRaSettings settings = new LoRaSettings(f, bw, sf, RadioPlan.CODING_RATE, RadioPlan.PREAMBLE_SYMBOLS,
                RadioPlan.MESH_SYNC_WORD, txPowerDbm, crc);
        return new Choice(plan, settings, band, duty);
    }

    private static String percent(double share) {
        double p = share * 100;
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }
}
