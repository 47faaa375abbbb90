package org.tinyssb.radio.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;
import org.tinyssb.link.kit.Framing;
import org.tinyssb.link.kit.Inbound;
import org.tinyssb.link.kit.KissStream;
import org.tinyssb.link.kit.LinkCounter;
import org.tinyssb.link.kit.LinkCounters;
import org.tinyssb.link.kit.Outbox;
import org.tinyssb.link.kit.WarningThrottle;

/**
 * The modem while its port is open: packets out through the kit's bounded {@link Outbox} and a
 * writer thread, KISS frames in from the port's reader (the {@link SerialModem}'s thread). Bad
 * frames are counted and dropped; a failing port ends this link, and the modem opens a new one
 * when the port is back.
 */
final class SerialModemLink implements Link {
    private final String id;
    private final SerialPort port;
    private final LinkProfile profile;
    private final LinkCounters counters;
    private final Outbox outbox;
    private final Inbound inbound;
    private final KissStream stream;
    private final Thread writer;
    private volatile boolean failed;

    SerialModemLink(String id, SerialPort port, Framing framing, double packetsPerSecond, int queueLength,
            LinkCounters counters, WarningThrottle warnings) {
        this.id = id;
        this.port = port;
        this.profile = new LinkProfile(LinkProfile.TINYSSB_PACKET, packetsPerSecond, true);
        this.counters = counters;
        this.outbox = new Outbox(queueLength, (long) queueLength * LinkProfile.TINYSSB_PACKET);
        this.inbound = new Inbound(this, framing, LinkProfile.TINYSSB_PACKET, counters, warnings);
        this.stream = new KissStream(framing, LinkProfile.TINYSSB_PACKET, inbound, id);
        this.writer = new Thread(this::writeLoop, "tinyssb-serial-writer " + port.getSystemPortPath());
        writer.setDaemon(true);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public LinkProfile profile() {
        return profile;
    }

    @Override
    public void attach(PacketReceiver r) {
        inbound.attach(r);
    }

    @Override
    public boolean send(byte[] packet) {
        if (failed || packet.length > LinkProfile.TINYSSB_PACKET) {
            counters.increment(LinkCounter.SEND_REFUSED);
            return false;
        }
        if (!outbox.offer(packet)) {
            counters.increment(LinkCounter.OUTBOX_FULL);
            return false;
        }
        return true;
    }

    @Override
    public boolean congested() {
        return outbox.congested();
    }

    @Override
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    /** Reads the port until it fails or the modem closes it; returns why it stopped. */
    String readUntilFailure(java.util.function.BooleanSupplier closing) {
        writer.start();
        byte[] buffer = new byte[512];
        try {
            while (!closing.getAsBoolean() && !failed) {
                int n = port.readBytes(buffer, buffer.length);
                if (n < 0) {
                    return "the port stopped answering (unplugged?)";
                }
                if (n == 0 && !port.isOpen()) {
                    return "the port closed";
                }
                stream.feed(buffer, 0, n);
            }
            return failed ? "writing to the port failed" : "closed";
        } finally {
            failed = true;
            outbox.close();
            writer.interrupt();
        }
    }

    private void writeLoop() {
        try {
            while (!failed) {
                byte[] packet = outbox.poll(1, TimeUnit.SECONDS);
                if (packet == null) {
                    continue;
                }
                byte[] bytes = stream.encode(packet);
                if (port.writeBytes(bytes, bytes.length) != bytes.length) {
                    counters.increment(LinkCounter.SEND_FAILED);
                    failed = true;
                    return;
                }
                counters.increment(LinkCounter.PACKETS_OUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the link is ending
        }
    }

    void awaitWriter() throws InterruptedException {
        writer.join(2_000);
    }
}
