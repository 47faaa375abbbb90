package org.tinyssb.core.internal.engine;

/**
 * The engine's time and thread. Every engine method runs on the scheduler's single thread; the
 * production scheduler is an executor, tests use a virtual clock that runs rounds instantly.
 */
public interface Scheduler {
    /** Monotonic milliseconds (not wall-clock time). */
    long nowMillis();

    /** Runs {@code task} on the engine thread as soon as possible. */
    void execute(Runnable task);

    /** Runs {@code task} on the engine thread after {@code delayMillis}. */
    Cancellable schedule(long delayMillis, Runnable task);

    /** A scheduled task that may still be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
