package org.tinyssb.radio.sim;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;
import org.tinyssb.api.radio.LoRaSettings;
import org.tinyssb.api.radio.TransmitQueue;
import org.tinyssb.codec.Crc32Frame;

/**
 * One radio on a {@link Medium}, as a tinySSB link: the same transmit queue as the SX127x driver
 * (duty cycle, jitter), half duplex, frames of packet + CRC32 and their time on air.
 */
public final class SimRadio implements Link {
    private final String id;
    private final Medium medium;
    private final LoRaSettings settings;
    private final TransmitQueue queue;
    private final double dutyCycle;
    private final Map<String, Long> counters = new TreeMap<>();
    private volatile PacketReceiver receiver;
    private boolean pumpPending;

    SimRadio(String id, Medium medium, LoRaSettings settings, double dutyCycle, long dutyWindowMillis,
            long jitterMaxMillis, int queueLength, Random random) {
        this.id = id;
        this.medium = medium;
        this.settings = settings;
        this.dutyCycle = dutyCycle;
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

    public LoRaSettings settings() {
        return settings;
    }

    @Override
    public void attach(PacketReceiver r) {
        receiver = r;
    }

    @Override
    public boolean send(byte[] packet) {
        if (packet.length > LinkProfile.TINYSSB_PACKET) {
            count("send-refused");
            return false;
        }
        if (!queue.offer(packet)) {
            count("queue-full");
            return false;
        }
        medium.run(this::pump);
        return true;
    }

    @Override
    public Map<String, Long> counters() {
        synchronized (counters) {
            return new TreeMap<>(counters);
        }
    }

    private void pump() {
        TransmitQueue.Next next = queue.next();
        if (next instanceof TransmitQueue.Send s) {
            add("airtime-ms", Math.round(s.airtimeMillis()));
            medium.transmit(this, Crc32Frame.frame(s.packet()), s.airtimeMillis());
        } else if (next instanceof TransmitQueue.Wait w && !pumpPending) {
            pumpPending = true;
            medium.clock().schedule(w.millis(), () -> medium.run(() -> {
                pumpPending = false;
                pump();
            }));
        }
    }

    /** The medium: this radio's frame has left the air. */
    void transmissionEnded() {
        count("packets-out");
        queue.transmissionEnded();
        pump();
    }

    /** The medium: a frame reached this radio intact. */
    void heard(byte[] frame) {
        byte[] packet;
        try {
            packet = Crc32Frame.unframe(frame, frame.length);
        } catch (org.tinyssb.codec.CodecException e) {
            count("bad-crc");
            return;
        }
        count("packets-in");
        PacketReceiver r = receiver;
        if (r != null) {
            r.packetReceived(this, packet);
        }
    }

    void count(String name) {
        add(name, 1);
    }

    private void add(String name, long n) {
        synchronized (counters) {
            counters.merge(name, n, Long::sum);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
