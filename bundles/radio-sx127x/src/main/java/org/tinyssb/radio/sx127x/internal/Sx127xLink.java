package org.tinyssb.radio.sx127x.internal;

import java.util.Random;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.link.Signal;
import org.tinyssb.api.radio.LoRaSettings;
import org.tinyssb.codec.Crc32Frame;
import org.tinyssb.link.kit.Framing;
import org.tinyssb.link.kit.LinkCounter;
import org.tinyssb.link.kit.LinkCounters;
import org.tinyssb.link.kit.RadioLink;
import org.tinyssb.link.kit.TransmitQueue;
import org.tinyssb.link.kit.WarningThrottle;

/**
 * An SX127x as a tinySSB link. Every frame is the packet and its CRC32, as the ESP32 mesh sends
 * them; the radio's own CRC is off by default, as in the mesh firmware (the CRC32 protects the
 * packet, and the radio's would cost two bytes of air per frame). All chip access happens on the
 * link's one radio thread: the kit's {@link RadioLink} decides when the next frame may go (duty
 * cycle, jitter), DIO0 (RxDone, TxDone) is handled on the same thread.
 */
final class Sx127xLink extends RadioLink {
    private static final Logger LOG = LoggerFactory.getLogger(Sx127xLink.class);

    /**
     * Settings of the link besides the radio's.
     *
     * @param listenBeforeTalk channel activity detection before each frame: a busy channel waits
     */
    record Options(double dutyCycle, long dutyWindowMillis, long jitterMaxMillis, int queueLength,
            boolean listenBeforeTalk) {
        Options(double dutyCycle, long dutyWindowMillis, long jitterMaxMillis, int queueLength) {
            this(dutyCycle, dutyWindowMillis, jitterMaxMillis, queueLength, false);
        }
    }

    /** Busy channels one frame waits out; then it goes (a channel never free must not stall the radio). */
    static final int MAX_BUSY_CHECKS = 8;
    /** CadDone comes within a few symbols (SF12/125 kHz: ~130 ms); missing it, the frame goes. */
    static final long CAD_TIMEOUT_MILLIS = 500;

    private final Sx127x chip;
    private final RadioPins pins;
    private final LoRaSettings settings;
    private final Options options;
    private final Random random;
    private boolean transmitting;
    private ScheduledFuture<?> txWatchdog;
    /** A frame whose turn came, waiting for the channel to be free (listen before talk). */
    private TransmitQueue.Send waitingForChannel;
    private int busyChecks;
    private ScheduledFuture<?> cadWatchdog;

    Sx127xLink(String id, Sx127x chip, RadioPins pins, LoRaSettings settings, Options options, LongSupplier clock,
            Random random) {
        super(id, "tinyssb-sx127x", Framing.CRC32, new TransmitQueue(settings, Crc32Frame.CRC_LENGTH,
                options.dutyCycle(), options.dutyWindowMillis(), options.jitterMaxMillis(), options.queueLength(), clock,
                random), new LinkCounters(), new WarningThrottle(LOG, id, () -> clock.getAsLong() * 1_000_000));
        this.chip = chip;
        this.pins = pins;
        this.settings = settings;
        this.options = options;
        this.random = random;
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
        pins.onDio0(() -> execute(this::dio0));
    }

    @FunctionalInterface
    private interface RadioTask<T> {
        T run() throws RadioException;
    }

    /** Runs {@code task} on the radio thread and waits for it. */
    private <T> T onRadio(RadioTask<T> task) throws RadioException, InterruptedException {
        try {
            return onRadio(() -> task.run(), 10_000);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RadioException r) {
                throw r;
            }
            throw new RadioException("radio access failed: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RadioException("the radio thread did not answer within 10 s");
        }
    }


    /** Runs a pump on the radio thread and waits: tests drive time-dependent sending with it. */
    void pumpNow() throws RadioException, InterruptedException {
        onRadio(() -> {
            pump();
            return null;
        });
    }

    @Override
    protected boolean transmit(TransmitQueue.Send send) {
        transmitting = true;
        if (options.listenBeforeTalk()) {
            waitingForChannel = send;
            busyChecks = 0;
            detectActivity();
        } else {
            sendNow(send);
        }
        return true;
    }

    private void detectActivity() {
        chip.detectActivity();
        cadWatchdog = schedule(this::cadTimedOut, CAD_TIMEOUT_MILLIS);
    }

    private void sendNow(TransmitQueue.Send send) {
        waitingForChannel = null;
        chip.transmit(Crc32Frame.frame(send.packet()));
        txWatchdog = schedule(this::txTimedOut, Math.round(send.airtimeMillis() * 2) + 500);
    }

    /**
     * CadDone: on a busy channel the frame waits a random one to two frames' time, listening
     * meanwhile (the frame heard may be for this node), and checks again; on a free one it goes.
     */
    private void activityDetected(boolean busy) {
        if (cadWatchdog != null) {
            cadWatchdog.cancel(false);
        }
        TransmitQueue.Send send = waitingForChannel;
        if (send == null) {
            return;
        }
        if (busy && busyChecks < MAX_BUSY_CHECKS) {
            busyChecks++;
            chip.receive();
            counters.increment(LinkCounter.CHANNEL_BUSY); // after receive(): a reader of the counter sees it listening
            schedule(() -> {
                if (waitingForChannel == send) {
                    detectActivity();
                }
            }, Math.round(send.airtimeMillis() * (1 + random.nextDouble())));
        } else {
            sendNow(send);
        }
    }

    private void cadTimedOut() {
        if (waitingForChannel != null) {
            warnings.warn("cad-timeout", "no CadDone from the radio within " + CAD_TIMEOUT_MILLIS
                    + " ms; sending without listening first");
            sendNow(waitingForChannel);
        }
    }

    /** DIO0 rose: RxDone or TxDone, depending on the mode. */
    private void dio0() {
        int flags = chip.irqFlags();
        if ((flags & Registers.IRQ_CAD_DONE) != 0) {
            chip.clearIrqFlags(Registers.IRQ_CAD_DONE | Registers.IRQ_CAD_DETECTED);
            activityDetected((flags & Registers.IRQ_CAD_DETECTED) != 0);
        }
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
        counters.increment(LinkCounter.PACKETS_OUT);
        chip.receive();
        frameEnded();
    }

    private void txTimedOut() {
        if (!transmitting) {
            return;
        }
        counters.increment(LinkCounter.TX_TIMEOUT);
        warnings.warn("tx-timeout", "no TxDone from the radio within twice the frame's time on air; back to receiving");
        transmitting = false;
        chip.receive();
        frameEnded();
    }

    private void deliver(Sx127x.Received r) {
        counters.set(LinkCounter.LAST_RSSI_DBM, r.rssiDbm());
        counters.set(LinkCounter.LAST_SNR_DB, Math.round(r.snrDb()));
        LOG.debug("{}: {}-byte frame, RSSI {} dBm, SNR {} dB", id(), r.payload().length, r.rssiDbm(), r.snrDb());
        inbound.frame(r.payload(), r.payload().length, "the air", new Signal(r.rssiDbm(), r.snrDb()));
    }

    void close() {
        stopRadioThread();
        try {
            chip.sleep();
        } catch (RuntimeException e) {
            LOG.debug("{}: could not put the radio to sleep: {}", id(), e.toString());
        }
        pins.close();
    }
}
