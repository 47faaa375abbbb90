package org.tinyssb.api.link;

/**
 * How strongly a radio heard a frame.
 *
 * @param rssiDbm received signal strength
 * @param snrDb   signal-to-noise ratio (negative: below the noise, as LoRa can)
 */
public record Signal(int rssiDbm, double snrDb) {
}
