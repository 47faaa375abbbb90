package org.tinyssb.radio.sim;

import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * Simulated time: tasks run in order of their due time, and time jumps from one to the next, so
 * an hour of radio traffic takes as long as its events take to compute. Single-threaded: whoever
 * calls {@link #runUntil} runs every task.
 */
public final class VirtualClock implements SimClock {
    private record Task(long at, long order, Runnable run) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private long now;
    private long order;

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public void schedule(long delayMillis, Runnable task) {
        tasks.add(new Task(now + Math.max(0, delayMillis), order++, task));
    }

    /**
     * Runs tasks until {@code done} holds (checked after each) or {@code limitMillis} of simulated
     * time have passed; returns whether {@code done} holds.
     */
    public boolean runUntil(BooleanSupplier done, long limitMillis) {
        long until = now + limitMillis;
        while (!done.getAsBoolean()) {
            Task t = tasks.peek();
            if (t == null || t.at > until) {
                now = until;
                return done.getAsBoolean();
            }
            tasks.poll();
            now = t.at;
            t.run.run();
        }
        return true;
    }

    /** Runs every task due within the next {@code millis}. */
    public void advance(long millis) {
        runUntil(() -> false, millis);
    }
}
