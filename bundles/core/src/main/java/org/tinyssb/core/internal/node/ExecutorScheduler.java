package org.tinyssb.core.internal.node;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.core.internal.engine.Scheduler;

/**
 * The engine's thread: one scheduled executor. A task that throws is logged, never silently
 * swallowed (a scheduled executor would otherwise end a chain of rounds without a word).
 */
final class ExecutorScheduler implements Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorScheduler.class);
    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    ExecutorScheduler(String name) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(guarded(task));
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        if (executor.isShutdown()) {
            return () -> { };
        }
        Future<?> f = executor.schedule(guarded(task), delayMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    /** Runs {@code call} on the engine thread and waits for its result (directly when already on it). */
    <T> T call(Callable<T> call, long timeoutMillis) throws Exception {
        if (Thread.currentThread() == thread) {
            return call.call();
        }
        Future<T> f = executor.submit(call);
        try {
            return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            f.cancel(false);
            throw new IllegalStateException("the node did not answer within " + timeoutMillis + " ms");
        }
    }

    boolean isEngineThread() {
        return Thread.currentThread() == thread;
    }

    void shutdown(long waitMillis) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
            LOG.warn("engine thread still busy after {} ms, interrupting it", waitMillis);
            executor.shutdownNow();
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("engine task failed; the node carries on", e);
            }
        };
    }
}
