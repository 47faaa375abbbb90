package org.tinyssb.radio.sim;

/** Time for a simulated channel: what time it is, and running something later. */
public interface SimClock {
    long nowMillis();

    /** Runs {@code task} after {@code delayMillis}. */
    void schedule(long delayMillis, Runnable task);
}
