package org.tinyssb.link.kit;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;
import org.tinyssb.api.link.RadioAirtime;

/**
 * What every radio link does the same, written once: packets wait in a {@link TransmitQueue}
 * (duty cycle, jitter) and leave one frame at a time from the link's single radio thread; what
 * arrives goes through an {@link Inbound}. A driver says how a frame goes on the air
 * ({@link #transmit}) and reports when the radio may take the next ({@link #frameEnded}).
 */
public abstract class RadioLink implements Link, RadioAirtime {
    private final String id;
    protected final TransmitQueue queue;
    protected final LinkCounters counters;
    protected final WarningThrottle warnings;
    protected final Inbound inbound;
    private final ScheduledThreadPoolExecutor radio;
    private ScheduledFuture<?> pendingPump;

    protected RadioLink(String id, String threadName, Framing framing, TransmitQueue queue, LinkCounters counters,
            WarningThrottle warnings) {
        this.id = id;
        this.queue = queue;
        this.counters = counters;
        this.warnings = warnings;
        this.inbound = new Inbound(this, framing, LinkProfile.TINYSSB_PACKET, counters, warnings);
        this.radio = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        radio.setRemoveOnCancelPolicy(true);
    }

    @Override
    public final String id() {
        return id;
    }

    /** What the air and the budget allow: frames per second of a full packet. */
    @Override
    public final LinkProfile profile() {
        return new LinkProfile(LinkProfile.TINYSSB_PACKET, queue.framesPerSecond(), true);
    }

    @Override
    public final void attach(PacketReceiver r) {
        inbound.attach(r);
    }

    @Override
    public final boolean send(byte[] packet) {
        if (packet.length > LinkProfile.TINYSSB_PACKET || radio.isShutdown() || !accepting()) {
            counters.increment(LinkCounter.SEND_REFUSED);
            return false;
        }
        if (!queue.offer(packet)) {
            counters.increment(LinkCounter.OUTBOX_FULL);
            return false;
        }
        execute(this::pump);
        return true;
    }

    @Override
    public final boolean congested() {
        return queue.congested();
    }

    @Override
    public final Map<String, Long> counters() {
        return counters.snapshot();
    }

    @Override
    public final double airtimeMillis(int length) {
        return queue.airtimeMillis(length);
    }

    @Override
    public final double burstFramesPerSecond() {
        return queue.burstFramesPerSecond();
    }

    @Override
    public final double budgetMillis() {
        return queue.allowedMillis();
    }

    @Override
    public final long budgetWindowMillis() {
        return queue.windowMillis();
    }

    @Override
    public double budgetUsedMillis() {
        return queue.budgetUsedMillis();
    }

    /** Whether the link still takes packets (a driver whose device failed says no). */
    protected boolean accepting() {
        return true;
    }

    /** Puts one frame on the air; on the radio thread. Returns false if the device failed. */
    protected abstract boolean transmit(TransmitQueue.Send frame);

    /** Sends the next frame if the radio is free, the jitter has passed and the budget allows. */
    protected final void pump() {
        if (!accepting()) {
            return;
        }
        TransmitQueue.Next next = queue.next();
        if (next instanceof TransmitQueue.Wait w) {
            counters.increment(LinkCounter.DUTY_CYCLE_WAITS);
            if (pendingPump != null) {
                pendingPump.cancel(false);
            }
            pendingPump = schedule(this::pump, w.millis());
        } else if (next instanceof TransmitQueue.Send send) {
            counters.add(LinkCounter.AIRTIME_MS, Math.round(send.airtimeMillis()));
            if (!transmit(send)) {
                counters.increment(LinkCounter.SEND_FAILED);
                queue.transmissionEnded();
            }
        }
    }

    /** The frame on the air ended (or was given up): the next may go after its jitter. */
    protected final void frameEnded() {
        queue.transmissionEnded();
        pump();
    }

    /** Runs {@code task} on the radio thread (nothing once the link is closed). */
    protected final void execute(Runnable task) {
        try {
            radio.execute(task);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    /** Runs {@code task} on the radio thread in {@code millis}; null once the link is closed. */
    protected final ScheduledFuture<?> schedule(Runnable task, long millis) {
        try {
            return radio.schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Runs {@code task} on the radio thread and waits for it (bounded). */
    protected final <T> T onRadio(Callable<T> task, long timeoutMillis)
            throws ExecutionException, TimeoutException, InterruptedException {
        return radio.submit(task).get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops the radio thread; frames still queued go with it. */
    protected final void stopRadioThread() {
        radio.shutdownNow();
        try {
            radio.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
