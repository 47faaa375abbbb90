package org.tinyssb.link.kit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.function.LongSupplier;
import org.tinyssb.api.radio.LoRaSettings;

/**
 * What a LoRa radio sends next, and when: packets wait in a bounded queue and leave one at a time,
 * each only when the duty-cycle budget has room for its time on air and a random pause (jitter)
 * has passed since the previous frame ended, or since the packet arrived at an idle radio, so that
 * radios that heard the same thing, or run rounds of the same length, do not all speak at once.
 * The radio asks {@link #next()} whenever it may send and reports {@link #transmissionEnded()};
 * the decisions are pure, the clock and randomness injected.
 *
 * <p>Data comes first when the budget is short: full-size packets (120 bytes: entries and chunks)
 * get at least {@code 1 - }{@value #CONTROL_SHARE} of the duty-cycle budget whenever one waits.
 * Shorter packets (GOset claims, vectors, beacons) that have used their share in the window let
 * the waiting data go ahead of them; with no data waiting they may use the whole budget.
 */
public final class TransmitQueue {
    /** What to do now. */
    public sealed interface Next permits Send, Wait, Idle {
    }

    /** Put this packet on the air now; it takes {@code airtimeMillis}. */
    public record Send(byte[] packet, double airtimeMillis) implements Next {
    }

    /** Nothing may go out for {@code millis}; ask again then. */
    public record Wait(long millis) implements Next {
    }

    /** Nothing to send, or a frame is on the air. */
    public record Idle() implements Next {
    }

    private static final Idle IDLE = new Idle();
    /** Share of the duty-cycle budget that control packets may take while data waits. */
    public static final double CONTROL_SHARE = 0.2;
    /** Length of a data packet (an entry or a chunk); anything shorter is control traffic. */
    static final int DATA_LENGTH = 120;

    private LoRaSettings settings;
    private final int frameOverhead;
    private final DutyCycleBudget budget;
    private final DutyCycleBudget controlBudget;
    private long controlDeferred;
    private final long jitterMaxMillis;
    private final long windowMillis;
    private final int capacity;
    private final LongSupplier clock;
    private final Random random;
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private boolean onAir;
    private boolean jitterPending;
    private long earliestNext;
    private long dropped;
    private long duplicates;

    /**
     * @param frameOverhead   bytes the radio adds to each packet (4 for the mesh's CRC32)
     * @param dutyCycle       share of {@code windowMillis} that may be spent transmitting
     * @param jitterMaxMillis longest random pause after a frame
     * @param capacity        packets that may wait
     */
    public TransmitQueue(LoRaSettings settings, int frameOverhead, double dutyCycle, long windowMillis,
            long jitterMaxMillis, int capacity, LongSupplier clock, Random random) {
        if (capacity < 1 || jitterMaxMillis < 0) {
            throw new IllegalArgumentException("capacity must be positive, jitter not negative");
        }
        this.settings = settings;
        this.frameOverhead = frameOverhead;
        this.budget = new DutyCycleBudget(dutyCycle, windowMillis, clock);
        this.controlBudget = new DutyCycleBudget(dutyCycle * CONTROL_SHARE, windowMillis, clock);
        this.jitterMaxMillis = jitterMaxMillis;
        this.windowMillis = windowMillis;
        this.capacity = capacity;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Queues {@code packet}; false when the queue is full. A packet already waiting is not queued
     * twice (true all the same: it goes out): on a shared channel several peers' requests, and one
     * peer's repeated requests, ask for the same entries while the answer still waits for air time.
     */
    public synchronized boolean offer(byte[] packet) {
        for (byte[] waiting : queue) {
            if (java.util.Arrays.equals(waiting, packet)) {
                duplicates++;
                return true;
            }
        }
        if (queue.size() >= capacity) {
            return false;
        }
        if (queue.isEmpty() && !onAir && !(jitterPending && earliestNext > clock.getAsLong())) {
            startJitter(); // an idle radio does not send at once either
        }
        queue.addLast(packet);
        return true;
    }

    /**
     * New settings for the frames still to go (a modem reported the preamble it really uses):
     * time on air and the link's rate follow them from now on.
     */
    public synchronized void retune(LoRaSettings newSettings) {
        settings = newSettings;
    }

    /** The next step: send the head packet now, wait, or nothing. */
    public synchronized Next next() {
        while (!onAir && !queue.isEmpty()) {
            byte[] packet = queue.peekFirst();
            double airtime = settings.airtimeMillis(packet.length + frameOverhead);
            boolean control = packet.length < DATA_LENGTH;
            if (control && controlBudget.waitMillis(airtime) > 0) {
                byte[] data = firstData();
                if (data != null) { // control has had its share: the data waiting goes first
                    packet = data;
                    airtime = settings.airtimeMillis(packet.length + frameOverhead);
                    control = false;
                    controlDeferred++;
                }
            }
            long budgetWait = budget.waitMillis(airtime);
            if (budgetWait == Long.MAX_VALUE) {
                queue.pollFirst(); // longer than the whole budget: it could never go
                dropped++;
                continue;
            }
            long now = clock.getAsLong();
            long wait = Math.max(budgetWait, jitterPending && earliestNext > now ? earliestNext - now : 0);
            if (wait > 0) {
                return new Wait(wait);
            }
            if (packet == queue.peekFirst()) {
                queue.pollFirst();
            } else {
                removeSame(packet);
            }
            budget.spend(airtime);
            if (control) {
                controlBudget.spend(airtime);
            }
            onAir = true;
            jitterPending = false;
            return new Send(packet, airtime);
        }
        return IDLE;
    }

    private byte[] firstData() {
        for (byte[] p : queue) {
            if (p.length >= DATA_LENGTH) {
                return p;
            }
        }
        return null;
    }

    private void removeSame(byte[] packet) {
        for (java.util.Iterator<byte[]> it = queue.iterator(); it.hasNext();) {
            if (it.next() == packet) {
                it.remove();
                return;
            }
        }
    }

    /** Times a control packet let waiting data go first because control had used its share. */
    public synchronized long controlDeferred() {
        return controlDeferred;
    }

    /** Time on air of one packet of {@code length} bytes with this radio's framing. */
    public synchronized double airtimeMillis(int length) {
        return settings.airtimeMillis(length + frameOverhead);
    }

    /** Air time the duty cycle allows per window. */
    public synchronized double allowedMillis() {
        return budget.allowedMillis();
    }

    /** Full-size frames per second while the budget has room: time on air and the mean pause. */
    public synchronized double burstFramesPerSecond() {
        return 1000.0 / (settings.airtimeMillis(DATA_LENGTH + frameOverhead) + jitterMaxMillis / 2.0);
    }

    /** The duty cycle's window. */
    public long windowMillis() {
        return windowMillis;
    }

    /** The frame on the air has ended (or was given up): the jitter starts now. */
    public synchronized void transmissionEnded() {
        onAir = false;
        startJitter();
    }

    private void startJitter() {
        long jitter = jitterMaxMillis == 0 ? 0 : random.nextInt((int) Math.min(Integer.MAX_VALUE - 1, jitterMaxMillis) + 1);
        earliestNext = clock.getAsLong() + jitter;
        jitterPending = true;
    }

    public synchronized int waiting() {
        return queue.size();
    }

    /** Packets dropped because their frame is longer than the whole duty-cycle budget. */
    public synchronized long droppedTooLong() {
        return dropped;
    }

    /** Packets not queued because the same packet was already waiting. */
    public synchronized long duplicatesAbsorbed() {
        return duplicates;
    }

    /** Whether half of the queue is taken: the node holds back answers until the radio catches up. */
    public synchronized boolean congested() {
        return queue.size() * 2 >= capacity;
    }

    /** Air time the budget counts in its current window. */
    public synchronized double budgetUsedMillis() {
        return budget.usedMillis();
    }

    /** Frames per second of full packets that the duty cycle allows on these settings. */
    public static double framesPerSecond(LoRaSettings settings, int frameOverhead, double dutyCycle) {
        return dutyCycle * 1000.0 / settings.airtimeMillis(120 + frameOverhead);
    }

    /**
     * Frames per second of full packets this queue sends at most: the duty cycle's limit, or, when
     * the radio may send more often, one frame per air time plus the mean pause between frames.
     */
    public synchronized double framesPerSecond() {
        double airtime = settings.airtimeMillis(120 + frameOverhead);
        double byDuty = budget.allowedMillis() / (double) windowMillis * 1000.0 / airtime;
        double byPauses = 1000.0 / (airtime + jitterMaxMillis / 2.0);
        return Math.min(byDuty, byPauses);
    }
}
