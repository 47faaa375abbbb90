package org.tinyssb.radio.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * The named channels of this JVM, on real time: every simulated radio a node configures joins one,
 * and so can a test's own radio, to talk to the node over the air. Every radio on a channel hears
 * every other.
 */
public final class SimChannels {
    private static final Map<String, Medium> CHANNELS = new HashMap<>();

    private SimChannels() {
    }

    /** The channel {@code name}, made on first use. */
    public static synchronized Medium channel(String name) {
        return CHANNELS.computeIfAbsent(name, n -> new Medium(new RealTimeClock(n), new Random(), 0));
    }

    /** A new radio on channel {@code name}, in range of every radio there. */
    public static SimRadio join(String name, String radioId, org.tinyssb.api.radio.LoRaSettings settings,
            double dutyCycle, long jitterMaxMillis, int queueLength) {
        Medium m = channel(name);
        SimRadio r = m.radio(radioId, settings, dutyCycle, 3_600_000, jitterMaxMillis, queueLength);
        m.connectToAll(r);
        return r;
    }
}
