package org.tinyssb.radio.sx127x.internal;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;
import org.tinyssb.api.radio.LoRaSettings;
import org.tinyssb.api.radio.TransmitQueue;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Crc32Frame;

/**
 * An SX127x as a tinySSB link. Every frame is the packet and its CRC32, as the ESP32 mesh sends
 * them. All chip access happens on one radio thread: a {@link TransmitQueue} decides when the
 * next frame may go (duty cycle, jitter), DIO0 (RxDone, TxDone) is handled on the same thread.
 */
final class Sx127xLink implements Link {
    private static final Logger LOG = LoggerFactory.getLogger(Sx127xLink.class);
    private static final long WARN_EVERY_MILLIS = 60_000;

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
    private final Map<String, Long> counters = new TreeMap<>();
    private volatile PacketReceiver receiver;
    private boolean transmitting;
    private ScheduledFuture<?> pendingPump;
    private ScheduledFuture<?> txWatchdog;
    private long lastWarning = Long.MIN_VALUE / 2;

    Sx127xLink(String id, Sx127x chip, RadioPins pins, LoRaSettings settings, Options options, LongSupplier clock,
            Random random) {
        this.id = id;
        this.chip = chip;
        this.pins = pins;
        this.settings = settings;
        this.options = options;
        this.clock = clock;
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
        receiver = r;
    }

    @Override
    public boolean send(byte[] packet) {
        if (packet.length > LinkProfile.TINYSSB_PACKET || radio.isShutdown()) {
            count("send-refused");
            return false;
        }
        if (!queue.offer(packet)) {
            count("queue-full");
            return false;
        }
        radio.execute(this::pump);
        return true;
    }

    @Override
    public Map<String, Long> counters() {
        synchronized (counters) {
            return new TreeMap<>(counters);
        }
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
            count("duty-cycle-waits");
            schedulePump(w.millis());
        } else if (next instanceof TransmitQueue.Send send) {
            transmitting = true;
            add("airtime-ms", Math.round(send.airtimeMillis()));
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
                count("radio-crc-error");
            } else {
                deliver(chip.readReceived());
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
        count("packets-out");
        chip.receive();
        pump();
    }

    private void txTimedOut() {
        if (!transmitting) {
            return;
        }
        count("tx-timeout");
        warn("no TxDone from the radio within twice the frame's time on air; back to receiving");
        transmitting = false;
        queue.transmissionEnded();
        chip.receive();
        pump();
    }

    private void deliver(Sx127x.Received r) {
        set("last-rssi-dbm", r.rssiDbm());
        set("last-snr-db", Math.round(r.snrDb()));
        byte[] packet;
        try {
            packet = Crc32Frame.unframe(r.payload(), r.payload().length);
        } catch (CodecException e) {
            count("bad-crc");
            warn("dropped a " + r.payload().length + "-byte frame: " + e.getMessage());
            return;
        }
        if (packet.length > LinkProfile.TINYSSB_PACKET) {
            count("oversize");
            return;
        }
        count("packets-in");
        LOG.debug("{}: {}-byte packet, RSSI {} dBm, SNR {} dB", id, packet.length, r.rssiDbm(), r.snrDb());
        PacketReceiver rcv = receiver;
        if (rcv != null) {
            rcv.packetReceived(this, packet);
        }
    }

    private void count(String name) {
        add(name, 1);
    }

    private void add(String name, long n) {
        synchronized (counters) {
            counters.merge(name, n, Long::sum);
        }
    }

    private void set(String name, long v) {
        synchronized (counters) {
            counters.put(name, v);
        }
    }

    private void warn(String message) {
        long now = clock.getAsLong();
        if (now - lastWarning >= WARN_EVERY_MILLIS) {
            lastWarning = now;
            LOG.warn("{}: {}; counted, further ones logged at most once a minute", id, message);
        }
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
