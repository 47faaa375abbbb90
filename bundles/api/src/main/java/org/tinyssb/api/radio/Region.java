package org.tinyssb.api.radio;

import java.util.List;
import java.util.Locale;

/**
 * Where a radio may transmit, how much and how loud: the sub-bands of a regulatory region, each
 * with its duty cycle and its power limit. A channel (centre frequency and bandwidth) must lie
 * wholly inside one sub-band. Power limits are the regulations' radiated limits (ERP), applied to
 * the radio's output: right for antennas of up to 2.15 dBi, conservative for the rest.
 */
public enum Region {
    /** Europe, 863–870 MHz (ETSI EN 300 220 / ERC Rec. 70-03 annex 1). */
    EU868(List.of(
            new Band("h1.3", 863_000_000L, 865_000_000L, 0.001, 14),
            new Band("h1.4+g1", 865_000_000L, 868_600_000L, 0.01, 14),
            new Band("g2", 868_700_000L, 869_200_000L, 0.001, 14),
            new Band("g3", 869_400_000L, 869_650_000L, 0.10, 27),
            new Band("g4", 869_700_000L, 870_000_000L, 0.01, 14))),
    /** Europe, 433.05–434.79 MHz: 10 mW, 10 %. */
    EU433(List.of(new Band("433", 433_050_000L, 434_790_000L, 0.10, 10))),
    /** North America, 902–928 MHz: no duty cycle, 1 W. */
    US915(List.of(new Band("915", 902_000_000L, 928_000_000L, 1.0, 30))),
    /** Australia, 915–928 MHz: no duty cycle, 1 W. */
    AU915(List.of(new Band("915", 915_000_000L, 928_000_000L, 1.0, 30)));

    /**
     * A sub-band of a region.
     *
     * @param dutyCycle   share of time a device may transmit in it (1.0: no limit)
     * @param maxPowerDbm highest transmit power allowed in it
     */
    public record Band(String name, long lowHz, long highHz, double dutyCycle, int maxPowerDbm) {
        /** Whether a channel of {@code bandwidthHz} around {@code centreHz} lies wholly inside. */
        public boolean holds(long centreHz, int bandwidthHz) {
            return centreHz - bandwidthHz / 2 >= lowHz && centreHz + bandwidthHz / 2 <= highHz;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %.3f–%.3f MHz", name, lowHz / 1e6, highHz / 1e6);
        }
    }

    private final List<Band> bands;

    Region(List<Band> bands) {
        this.bands = bands;
    }

    public List<Band> bands() {
        return bands;
    }

    /**
     * The sub-band that holds the channel.
     *
     * @throws IllegalArgumentException naming the region's sub-bands when none holds it wholly
     */
    public Band band(long centreHz, int bandwidthHz) {
        for (Band b : bands) {
            if (b.holds(centreHz, bandwidthHz)) {
                return b;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "a %d kHz channel at %.4f MHz is not inside one sub-band of %s (%s)", bandwidthHz / 1000,
                centreHz / 1e6, name(), String.join(", ", bands.stream().map(Band::toString).toList())));
    }
}
