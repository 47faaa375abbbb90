package org.tinyssb.core.internal.engine;

import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * A scheduler with virtual time for tests: tasks run on the caller's thread, in time order (ties
 * in submission order), and time jumps to the next task. Many engines can share one scheduler,
 * which makes a whole simulated network deterministic.
 */
final class VirtualScheduler implements Scheduler {
    private record Task(long at, long order, Runnable run, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private long now;
    private long order;
    private long executed;

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        schedule(0, task);
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        boolean[] cancelled = {false};
        queue.add(new Task(now + Math.max(0, delayMillis), order++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Runs every task due up to {@code now + millis}, then sets the clock there. */
    void advance(long millis) {
        long until = now + millis;
        while (!queue.isEmpty() && queue.peek().at <= until) {
            runNext();
        }
        now = until;
    }

    /**
     * Runs tasks until {@code done} holds (checked after every task) or virtual time passes
     * {@code limitMillis}; returns whether it holds.
     */
    boolean runUntil(BooleanSupplier done, long limitMillis) {
        long until = now + limitMillis;
        while (!done.getAsBoolean()) {
            if (queue.isEmpty() || queue.peek().at > until) {
                now = Math.max(now, until);
                return done.getAsBoolean();
            }
            runNext();
        }
        return true;
    }

    private void runNext() {
        Task t = queue.poll();
        now = Math.max(now, t.at);
        if (!t.cancelled[0]) {
            executed++;
            t.run.run();
        }
    }

    long executed() {
        return executed;
    }
}
