package org.tinyssb.radio.sim;

import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;
import org.tinyssb.api.link.RadioAirtime;
import org.tinyssb.api.radio.LoRaSettings;
import org.tinyssb.codec.Crc32Frame;
import org.tinyssb.link.kit.Framing;
import org.tinyssb.link.kit.Inbound;
import org.tinyssb.link.kit.LinkCounter;
import org.tinyssb.link.kit.LinkCounters;
import org.tinyssb.link.kit.TransmitQueue;
import org.tinyssb.link.kit.WarningThrottle;

/**
 * One radio on a {@link Medium}, as a tinySSB link: the same transmit queue as the SX127x driver
 * (duty cycle, jitter), half duplex, frames of packet + CRC32 and their time on air.
 */
public final class SimRadio implements Link, RadioAirtime {
    private static final Logger LOG = LoggerFactory.getLogger(SimRadio.class);
    private final String id;
    private final Medium medium;
    private final LoRaSettings settings;
    private final TransmitQueue queue;
    private final double dutyCycle;
    private final LinkCounters counters = new LinkCounters();
    private final Inbound inbound;
    private boolean pumpPending;
    private final Random random;
    private volatile boolean listenBeforeTalk;
    private int busyChecks;
    /** Busy channels one frame waits out before it goes anyway (as the SX127x driver). */
    static final int MAX_BUSY_CHECKS = 8;

    SimRadio(String id, Medium medium, LoRaSettings settings, double dutyCycle, long dutyWindowMillis,
            long jitterMaxMillis, int queueLength, Random random) {
        this.id = id;
        this.medium = medium;
        this.settings = settings;
        this.dutyCycle = dutyCycle;
        this.random = random;
        this.inbound = new Inbound(this, Framing.CRC32, LinkProfile.TINYSSB_PACKET, counters,
                new WarningThrottle(LOG, id, () -> medium.clock().nowMillis() * 1_000_000));
        this.queue = new TransmitQueue(settings, Crc32Frame.CRC_LENGTH, dutyCycle, dutyWindowMillis, jitterMaxMillis,
                queueLength, medium.clock()::nowMillis, random);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public LinkProfile profile() {
        return new LinkProfile(LinkProfile.TINYSSB_PACKET, queue.framesPerSecond(), true);
    }

    @Override
    public double airtimeMillis(int length) {
        return queue.airtimeMillis(length);
    }

    @Override
    public double burstFramesPerSecond() {
        return queue.burstFramesPerSecond();
    }

    @Override
    public double budgetMillis() {
        return queue.allowedMillis();
    }

    @Override
    public long budgetWindowMillis() {
        return queue.windowMillis();
    }

    @Override
    public double budgetUsedMillis() {
        return queue.budgetUsedMillis();
    }

    public LoRaSettings settings() {
        return settings;
    }

    @Override
    public void attach(PacketReceiver r) {
        inbound.attach(r);
    }

    @Override
    public boolean send(byte[] packet) {
        if (packet.length > LinkProfile.TINYSSB_PACKET) {
            counters.increment(LinkCounter.SEND_REFUSED);
            return false;
        }
        if (!queue.offer(packet)) {
            counters.increment(LinkCounter.OUTBOX_FULL);
            return false;
        }
        medium.run(this::pump);
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

    /** The radio's counters, for the medium and tests. */
    public LinkCounters linkCounters() {
        return counters;
    }

    /**
     * Listen before talk, as the SX127x's channel activity detection: a frame whose turn came waits
     * a random one to two frames' time while another transmission in range is on the air.
     */
    public SimRadio listenBeforeTalk(boolean on) {
        listenBeforeTalk = on;
        return this;
    }

    private void pump() {
        TransmitQueue.Next next = queue.next();
        if (next instanceof TransmitQueue.Send s) {
            transmitOrWait(s);
        } else if (next instanceof TransmitQueue.Wait w && !pumpPending) {
            pumpPending = true;
            medium.clock().schedule(w.millis(), () -> medium.run(() -> {
                pumpPending = false;
                pump();
            }));
        }
    }

    private void transmitOrWait(TransmitQueue.Send s) {
        if (listenBeforeTalk && busyChecks < MAX_BUSY_CHECKS && medium.carrierSensed(this)) {
            busyChecks++;
            counters.increment(LinkCounter.CHANNEL_BUSY);
            medium.clock().schedule(Math.round(s.airtimeMillis() * (1 + random.nextDouble())),
                    () -> medium.run(() -> transmitOrWait(s)));
            return;
        }
        busyChecks = 0;
        counters.add(LinkCounter.AIRTIME_MS, Math.round(s.airtimeMillis()));
        medium.transmit(this, Crc32Frame.frame(s.packet()), s.airtimeMillis());
    }

    /** The medium: this radio's frame has left the air. */
    void transmissionEnded() {
        counters.increment(LinkCounter.PACKETS_OUT);
        queue.transmissionEnded();
        pump();
    }

    /** The medium: a frame reached this radio intact. */
    void heard(byte[] frame) {
        inbound.frame(frame, frame.length, "the air");
    }

    @Override
    public String toString() {
        return id;
    }
}
