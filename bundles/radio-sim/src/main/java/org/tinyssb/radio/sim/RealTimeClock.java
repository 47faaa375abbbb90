package org.tinyssb.radio.sim;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Wall-clock time for a channel in a running node: tasks run on one daemon thread. */
public final class RealTimeClock implements SimClock {
    private final ScheduledThreadPoolExecutor executor;

    public RealTimeClock(String name) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tinyssb-sim-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    @Override
    public void schedule(long delayMillis, Runnable task) {
        executor.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    }
}
