package org.tinyssb.radio.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.tinyssb.api.radio.LoRaSettings;
import org.tinyssb.link.kit.LinkCounter;

/**
 * A LoRa channel shared by radios. A frame is on the air for its time on air; it reaches the
 * radios in range of its sender (see {@link #connect}) when it ends, unless for that receiver it
 * overlapped another frame it could hear (collision: both lost), the receiver was sending meanwhile
 * (half duplex), it was tuned differently, or the random loss took it. Every action runs through
 * the medium's lock, so a real-time clock's threads and the radios' callers may mix.
 */
public final class Medium {
    private record Transmission(SimRadio from, byte[] frame, long start, long end) {
    }

    private final SimClock clock;
    private final Random random;
    private volatile double loss;
    // insertion-ordered: deliveries happen in the same order in every run (identity hashes differ)
    private final Map<SimRadio, Set<SimRadio>> inRange = new LinkedHashMap<>();
    private final List<Transmission> recent = new ArrayList<>();
    private long framesSent;
    private long framesHeard;
    private long collisions;
    private long lost;
    private double airtimeMillis;

    /**
     * @param loss share of frames lost at each receiver (noise, fading), on top of collisions
     */
    public Medium(SimClock clock, Random random, double loss) {
        if (loss < 0 || loss >= 1) {
            throw new IllegalArgumentException("loss must be in [0, 1)");
        }
        this.clock = clock;
        this.random = random;
        this.loss = loss;
    }

    /** Changes the share of frames lost at each receiver. */
    public void setLoss(double loss) {
        if (loss < 0 || loss >= 1) {
            throw new IllegalArgumentException("loss must be in [0, 1)");
        }
        this.loss = loss;
    }

    public SimClock clock() {
        return clock;
    }

    /** A new radio on this channel, in range of nobody until {@link #connect}ed. */
    public synchronized SimRadio radio(String id, LoRaSettings settings, double dutyCycle, long dutyWindowMillis,
            long jitterMaxMillis, int queueLength) {
        SimRadio r = new SimRadio(id, this, settings, dutyCycle, dutyWindowMillis, jitterMaxMillis, queueLength,
                new Random(random.nextLong()));
        inRange.put(r, new LinkedHashSet<>());
        return r;
    }

    /** {@code a} and {@code b} hear each other. */
    public synchronized void connect(SimRadio a, SimRadio b) {
        inRange.get(a).add(b);
        inRange.get(b).add(a);
    }

    /** Removes {@code r} from the channel (a radio switched off). */
    public synchronized void remove(SimRadio r) {
        Set<SimRadio> peers = inRange.remove(r);
        if (peers != null) {
            peers.forEach(p -> inRange.get(p).remove(r));
        }
    }

    /** Each radio hears its neighbours in the list. */
    public void line(List<SimRadio> radios) {
        for (int i = 1; i < radios.size(); i++) {
            connect(radios.get(i - 1), radios.get(i));
        }
    }

    /** The first radio hears every other; the others hear only it. */
    public void star(List<SimRadio> radios) {
        for (int i = 1; i < radios.size(); i++) {
            connect(radios.get(0), radios.get(i));
        }
    }

    /** {@code r} hears, and is heard by, every radio on the channel. */
    public synchronized void connectToAll(SimRadio r) {
        for (SimRadio other : inRange.keySet()) {
            if (other != r) {
                connect(r, other);
            }
        }
    }

    /** Everyone hears everyone. */
    public void mesh(List<SimRadio> radios) {
        for (int i = 0; i < radios.size(); i++) {
            for (int j = i + 1; j < radios.size(); j++) {
                connect(radios.get(i), radios.get(j));
            }
        }
    }

    synchronized void run(Runnable action) {
        action.run();
    }

    synchronized void transmit(SimRadio from, byte[] frame, double airtime) {
        long start = clock.nowMillis();
        long end = start + Math.max(1, Math.round(airtime));
        Transmission t = new Transmission(from, frame.clone(), start, end);
        recent.add(t);
        framesSent++;
        airtimeMillis += airtime;
        clock.schedule(end - start, () -> ended(t));
    }

    private synchronized void ended(Transmission t) {
        Set<SimRadio> receivers = inRange.getOrDefault(t.from, Set.of());
        for (SimRadio r : receivers) {
            if (!sameChannel(r.settings(), t.from.settings())) {
                continue;
            }
            if (sentBy(r, t)) {
                r.linkCounters().increment(LinkCounter.MISSED_WHILE_SENDING);
                continue;
            }
            if (collided(r, t)) {
                collisions++;
                r.linkCounters().increment(LinkCounter.COLLISIONS);
                continue;
            }
            if (random.nextDouble() < loss) {
                lost++;
                continue;
            }
            framesHeard++;
            r.heard(t.frame);
        }
        long horizon = clock.nowMillis() - 60_000;
        recent.removeIf(x -> x.end < horizon);
        t.from.transmissionEnded();
    }

    /** Carrier sense at {@code r}: whether a frame of a radio in its range, on its channel, is on the air now. */
    synchronized boolean carrierSensed(SimRadio r) {
        long now = clock.nowMillis();
        Set<SimRadio> audible = inRange.getOrDefault(r, Set.of());
        for (Transmission x : recent) {
            if (x.from != r && audible.contains(x.from) && x.start <= now && now < x.end
                    && sameChannel(r.settings(), x.from.settings())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code r} itself had a frame on the air overlapping {@code t}. */
    private boolean sentBy(SimRadio r, Transmission t) {
        for (Transmission x : recent) {
            if (x.from == r && x.start < t.end && t.start < x.end) {
                return true;
            }
        }
        return false;
    }

    /** Whether another frame audible at {@code r} overlapped {@code t}. */
    private boolean collided(SimRadio r, Transmission t) {
        Set<SimRadio> audible = inRange.getOrDefault(r, Set.of());
        for (Transmission x : recent) {
            if (x != t && x.from != r && audible.contains(x.from) && x.start < t.end && t.start < x.end) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameChannel(LoRaSettings a, LoRaSettings b) {
        return a.frequencyHz() == b.frequencyHz() && a.bandwidthHz() == b.bandwidthHz()
                && a.spreadingFactor() == b.spreadingFactor() && a.syncWord() == b.syncWord();
    }

    /** Counters of the whole channel. */
    public synchronized Stats stats() {
        return new Stats(framesSent, framesHeard, collisions, lost, airtimeMillis);
    }

    /**
     * @param framesSent    frames put on the air
     * @param framesHeard   deliveries (one frame heard by two radios counts twice)
     * @param collisions    deliveries lost to overlapping frames
     * @param lost          deliveries lost to the random loss
     * @param airtimeMillis air time of all frames sent
     */
    public record Stats(long framesSent, long framesHeard, long collisions, long lost, double airtimeMillis) {
    }
}
