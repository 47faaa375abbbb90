package org.tinyssb.radio.sx127x.internal;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;
import org.tinyssb.api.link.Signal;
import org.tinyssb.api.radio.LoRaSettings;
import org.tinyssb.codec.Crc32Frame;
import org.tinyssb.link.kit.Framing;
import org.tinyssb.link.kit.Inbound;
import org.tinyssb.link.kit.LinkCounter;
import org.tinyssb.link.kit.LinkCounters;
import org.tinyssb.link.kit.TransmitQueue;
import org.tinyssb.link.kit.WarningThrottle;

/**
 * An SX127x as a tinySSB link. Every frame is the packet and its CRC32, as the ESP32 mesh sends
 * them; the radio's own CRC is off by default, as in the mesh firmware (the CRC32 protects the
 * packet, and the radio's would cost two bytes of air per frame). All chip access happens on one radio thread: a {@link TransmitQueue} decides when the
 * next frame may go (duty cycle, jitter), DIO0 (RxDone, TxDone) is handled on the same thread.
 */
final class Sx127xLink implements Link {
    private static final Logger LOG = LoggerFactory.getLogger(Sx127xLink.class);

    /** Settings of the link besides the radio's. */
    record Options(double dutyCycle, long dutyWindowMillis, long jitterMaxMillis, int queueLength) {
    }

    private final String id;
    private final Sx127x chip;
    private final RadioPins pins;
    private final LoRaSettings settings;
    private final Options options;
    private final LongSupplier clock;
    private final TransmitQueue queue;
    private final ScheduledThreadPoolExecutor radio;
    private final LinkCounters counters = new LinkCounters();
    private final WarningThrottle warnings;
    private final Inbound inbound;
    private boolean transmitting;
    private ScheduledFuture<?> pendingPump;
    private ScheduledFuture<?> txWatchdog;

    Sx127xLink(String id, Sx127x chip, RadioPins pins, LoRaSettings settings, Options options, LongSupplier clock,
            Random random) {
        this.id = id;
        this.chip = chip;
        this.pins = pins;
        this.settings = settings;
        this.options = options;
        this.clock = clock;
        this.warnings = new WarningThrottle(LOG, id, () -> clock.getAsLong() * 1_000_000);
        this.inbound = new Inbound(this, Framing.CRC32, LinkProfile.TINYSSB_PACKET, counters, warnings);
        this.queue = new TransmitQueue(settings, Crc32Frame.CRC_LENGTH, options.dutyCycle(),
                options.dutyWindowMillis(), options.jitterMaxMillis(), options.queueLength(), clock, random);
        this.radio = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tinyssb-sx127x");
            t.setDaemon(true);
            return t;
        });
        radio.setRemoveOnCancelPolicy(true);
    }

    /** Resets and tunes the chip and starts listening; fails if there is no working SX127x. */
    void start() throws RadioException, InterruptedException {
        try {
            pins.resetChip();
            onRadio(() -> {
                chip.configure(settings);
                chip.receive();
                return null;
            });
        } catch (RadioException e) {
            close();
            throw e;
        }
        pins.onDio0(() -> radio.execute(this::dio0));
    }

    @FunctionalInterface
    private interface RadioTask<T> {
        T run() throws RadioException;
    }

    /** Runs {@code task} on the radio thread and waits for it. */
    private <T> T onRadio(RadioTask<T> task) throws RadioException, InterruptedException {
        try {
            return radio.submit(() -> task.run()).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RadioException r) {
                throw r;
            }
            throw new RadioException("radio access failed: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RadioException("the radio thread did not answer within 10 s");
        }
    }

    @Override
    public String id() {
        return id;
    }

    /** What the air and the budget allow: frames per second of a full packet. */
    @Override
    public LinkProfile profile() {
        return new LinkProfile(LinkProfile.TINYSSB_PACKET, queue.framesPerSecond(), true);
    }

    @Override
    public void attach(PacketReceiver r) {
        inbound.attach(r);
    }

    @Override
    public boolean send(byte[] packet) {
        if (packet.length > LinkProfile.TINYSSB_PACKET || radio.isShutdown()) {
            counters.increment(LinkCounter.SEND_REFUSED);
            return false;
        }
        if (!queue.offer(packet)) {
            counters.increment(LinkCounter.OUTBOX_FULL);
            return false;
        }
        radio.execute(this::pump);
        return true;
    }

    @Override
    public boolean congested() {
        return queue.congested();
    }

    @Override
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    /** Airtime (ms) the budget counts now; for tests and the shell. */
    double budgetUsedMillis() throws RadioException, InterruptedException {
        return queue.budgetUsedMillis();
    }

    /** Runs a pump on the radio thread and waits: tests drive time-dependent sending with it. */
    void pumpNow() throws RadioException, InterruptedException {
        onRadio(() -> {
            pump();
            return null;
        });
    }

    /** Sends the next queued frame if the radio is free, the jitter has passed and the budget allows. */
    private void pump() {
        TransmitQueue.Next next = queue.next();
        if (next instanceof TransmitQueue.Wait w) {
            counters.increment(LinkCounter.DUTY_CYCLE_WAITS);
            schedulePump(w.millis());
        } else if (next instanceof TransmitQueue.Send send) {
            transmitting = true;
            counters.add(LinkCounter.AIRTIME_MS, Math.round(send.airtimeMillis()));
            chip.transmit(Crc32Frame.frame(send.packet()));
            txWatchdog = radio.schedule(this::txTimedOut, Math.round(send.airtimeMillis() * 2) + 500,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void schedulePump(long delayMillis) {
        if (pendingPump != null && !pendingPump.isDone()) {
            pendingPump.cancel(false);
        }
        pendingPump = radio.schedule(this::pump, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** DIO0 rose: RxDone or TxDone, depending on the mode. */
    private void dio0() {
        int flags = chip.irqFlags();
        if ((flags & Registers.IRQ_TX_DONE) != 0) {
            chip.clearIrqFlags(Registers.IRQ_TX_DONE);
            transmissionDone();
        }
        if ((flags & Registers.IRQ_RX_DONE) != 0) {
            if ((flags & Registers.IRQ_PAYLOAD_CRC_ERROR) != 0) {
                counters.increment(LinkCounter.RADIO_CRC);
            } else {
                deliver(chip.readReceived(settings.frequencyHz()));
            }
            chip.clearIrqFlags(Registers.IRQ_RX_DONE | Registers.IRQ_PAYLOAD_CRC_ERROR | Registers.IRQ_VALID_HEADER);
        }
    }

    private void transmissionDone() {
        if (txWatchdog != null) {
            txWatchdog.cancel(false);
        }
        transmitting = false;
        queue.transmissionEnded();
        counters.increment(LinkCounter.PACKETS_OUT);
        chip.receive();
        pump();
    }

    private void txTimedOut() {
        if (!transmitting) {
            return;
        }
        counters.increment(LinkCounter.TX_TIMEOUT);
        warnings.warn("tx-timeout", "no TxDone from the radio within twice the frame's time on air; back to receiving");
        transmitting = false;
        queue.transmissionEnded();
        chip.receive();
        pump();
    }

    private void deliver(Sx127x.Received r) {
        counters.set(LinkCounter.LAST_RSSI_DBM, r.rssiDbm());
        counters.set(LinkCounter.LAST_SNR_DB, Math.round(r.snrDb()));
        LOG.debug("{}: {}-byte frame, RSSI {} dBm, SNR {} dB", id, r.payload().length, r.rssiDbm(), r.snrDb());
        inbound.frame(r.payload(), r.payload().length, "the air", new Signal(r.rssiDbm(), r.snrDb()));
    }

    void close() {
        radio.shutdownNow();
        try {
            radio.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            chip.sleep();
        } catch (RuntimeException e) {
            LOG.debug("{}: could not put the radio to sleep: {}", id, e.toString());
        }
        pins.close();
    }
}
