package org.tinyssb.core.internal.engine;

import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * A Trickle timer (RFC 6206) for the control traffic of one paced link: while the neighbourhood
 * agrees, the interval doubles from {@code min} up to {@code max}; an inconsistency brings it
 * back to {@code min}; within each interval the transmission happens at a random point of its
 * second half, and is suppressed when {@code k} consistent transmissions of others were heard
 * in the interval before it. With {@code max <= min} and no suppression it is a plain periodic
 * round (the reference implementations' fixed rounds), still jittered within the interval.
 *
 * <p>Runs on the engine's {@link Scheduler}; randomness is injected, so meshes stay deterministic.
 */
final class Trickle {
    /** What happens at the transmission point of an interval. */
    @FunctionalInterface
    interface Transmission {
        /** @param suppressed whether {@code k} neighbours already said the same in this interval */
        void fire(boolean suppressed);
    }

    private long min;
    private long max;
    private final int k;
    private final Scheduler scheduler;
    private final Random random;
    private final Transmission transmission;
    private long interval;
    private int heard;
    /** This interval's transmission goes out whatever others said ({@link #unsuppress}). */
    private boolean unsuppressed;
    /** The same for the next interval (asked for after this one's transmission point). */
    private boolean unsuppressNext;
    private boolean transmittedThisInterval;
    /** Suppressed transmissions in a row at most while {@link #limitApplies} holds ({@link #limitSuppression}). */
    private int suppressionLimit = Integer.MAX_VALUE;
    private BooleanSupplier limitApplies = () -> false;
    private int suppressedInARow;
    private long transmissions;
    private long suppressions;
    private Scheduler.Cancellable timer;
    private boolean running;
    /** Counts intervals begun, so that a transmission which reset the timer does not also end it. */
    private long generation;

    /**
     * @param k consistent transmissions heard that suppress this node's own (RFC 6206's k);
     *          {@code Integer.MAX_VALUE}: never suppressed
     */
    Trickle(long min, long max, int k, Scheduler scheduler, Random random, Transmission transmission) {
        if (min < 1 || k < 1) {
            throw new IllegalArgumentException("Trickle needs min >= 1 ms and k >= 1");
        }
        this.min = min;
        this.max = Math.max(min, max);
        this.k = k;
        this.scheduler = scheduler;
        this.random = random;
        this.transmission = transmission;
        this.interval = min;
    }

    /** Starts with the shortest interval; the first transmission comes within it. */
    void start() {
        running = true;
        interval = min;
        beginInterval();
    }

    void stop() {
        running = false;
        cancel();
    }

    /** A neighbour said what this node would say (RFC 6206: c++). */
    void heardConsistent() {
        heard++;
    }

    /**
     * Something differs or moved: back to the shortest interval (RFC 6206: if I > Imin, reset).
     * At the shortest interval already nothing changes, so a stream of inconsistencies cannot
     * make the node transmit more often than once per {@code min}.
     */
    void inconsistent() {
        if (running && interval > min) { // (after minimum() raised min, the current interval ends as it is)
            cancel();
            interval = min;
            beginInterval();
        }
    }

    /**
     * A neighbour said something that this node's own transmission answers, whatever others said:
     * the transmission of this interval (or of the next, if this one's has happened) is not
     * suppressed. On a radio the neighbours that agree may be out of that neighbour's hearing (in
     * a line, the nodes on either side of this one), so their agreement tells it nothing. The
     * interval is not reset: a neighbour that keeps saying so gets at most one transmission per
     * interval, as the back-off allows.
     */
    void unsuppress() {
        if (!running) {
            return;
        }
        if (transmittedThisInterval) {
            unsuppressNext = true;
        } else {
            unsuppressed = true;
        }
    }

    /**
     * At most {@code inARow} transmissions in a row are suppressed while {@code applies} holds
     * (asked at a transmission point that would be suppressed beyond the limit): the neighbours
     * that said the same may be out of the hearing of those who should hear this node. The
     * interval goes on doubling as usual.
     */
    void limitSuppression(int inARow, BooleanSupplier applies) {
        suppressionLimit = inARow;
        limitApplies = applies;
    }

    /**
     * A new shortest interval (a link whose answers take longer to come back, e.g. a busy hub,
     * should not be asked more often than it can answer); applies from the next interval.
     */
    void minimum(long millis) {
        min = Math.max(1, millis);
        max = Math.max(max, min);
    }

    long intervalMillis() {
        return interval;
    }

    long transmissions() {
        return transmissions;
    }

    long suppressions() {
        return suppressions;
    }

    private void beginInterval() {
        heard = 0;
        unsuppressed = unsuppressNext;
        unsuppressNext = false;
        transmittedThisInterval = false;
        long begun = ++generation;
        long half = interval / 2;
        long at = half + (interval - half > 0 ? (long) (random.nextDouble() * (interval - half)) : 0);
        long rest = interval - at;
        timer = scheduler.schedule(at, () -> {
            boolean suppressed = heard >= k && !unsuppressed
                    && !(suppressedInARow >= suppressionLimit && limitApplies.getAsBoolean());
            suppressedInARow = suppressed ? suppressedInARow + 1 : 0;
            transmittedThisInterval = true;
            if (suppressed) {
                suppressions++;
            } else {
                transmissions++;
            }
            transmission.fire(suppressed);
            if (!running || generation != begun) {
                return;
            }
            timer = scheduler.schedule(rest, () -> {
                interval = Math.max(min, Math.min(2 * interval, max));
                beginInterval();
            });
        });
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
