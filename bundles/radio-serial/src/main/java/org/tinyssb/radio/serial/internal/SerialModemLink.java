package org.tinyssb.radio.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Kiss;

/**
 * The modem while its port is open: packets out through a bounded queue and a writer thread,
 * KISS frames in from the port's reader (the {@link SerialModem}'s thread). Bad frames are
 * counted and dropped; a failing port ends this link, and the modem opens a new one when the port
 * is back.
 */
final class SerialModemLink implements Link {
    /** Longest KISS payload taken: a packet, its CRC and room for modems that add a byte or two. */
    static final int MAX_FRAME = LinkProfile.TINYSSB_PACKET + 8;

    private final String id;
    private final SerialPort port;
    private final Framing framing;
    private final LinkProfile profile;
    private final Counters counters;
    private final BlockingQueue<byte[]> outbound;
    private final Thread writer;
    private volatile PacketReceiver receiver;
    private volatile boolean failed;

    SerialModemLink(String id, SerialPort port, Framing framing, double packetsPerSecond, int queueLength,
            Counters counters) {
        this.id = id;
        this.port = port;
        this.framing = framing;
        this.profile = new LinkProfile(LinkProfile.TINYSSB_PACKET, packetsPerSecond, true);
        this.counters = counters;
        this.outbound = new ArrayBlockingQueue<>(queueLength);
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
        receiver = r;
    }

    @Override
    public boolean send(byte[] packet) {
        if (failed || packet.length > LinkProfile.TINYSSB_PACKET) {
            counters.add("send-refused");
            return false;
        }
        if (!outbound.offer(packet)) {
            counters.add("queue-full");
            return false;
        }
        return true;
    }

    @Override
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    /** Reads the port until it fails or the modem closes it; returns why it stopped. */
    String readUntilFailure(java.util.function.BooleanSupplier closing) {
        writer.start();
        Kiss.Decoder decoder = new Kiss.Decoder(MAX_FRAME, new Kiss.FrameSink() {
            @Override
            public void frame(byte[] payload) {
                deliver(payload);
            }

            @Override
            public void discarded(String reason, int bytes) {
                counters.add(reason);
                counters.warn(id + ": discarded a " + bytes + "-byte frame (" + reason + ")");
            }
        });
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
                decoder.feed(buffer, 0, n);
            }
            return failed ? "writing to the port failed" : "closed";
        } finally {
            failed = true;
            writer.interrupt();
        }
    }

    private void deliver(byte[] frame) {
        byte[] packet;
        try {
            packet = framing.unwrap(frame);
        } catch (CodecException e) {
            counters.add("bad-crc");
            counters.warn(id + ": dropped a frame: " + e.getMessage());
            return;
        }
        if (packet.length > LinkProfile.TINYSSB_PACKET) {
            counters.add("oversize");
            return;
        }
        counters.add("packets-in");
        PacketReceiver r = receiver;
        if (r != null) {
            r.packetReceived(this, packet);
        }
    }

    private void writeLoop() {
        try {
            while (!failed) {
                byte[] packet = outbound.poll(1, TimeUnit.SECONDS);
                if (packet == null) {
                    continue;
                }
                byte[] bytes = Kiss.encode(framing.wrap(packet));
                if (port.writeBytes(bytes, bytes.length) != bytes.length) {
                    counters.add("write-failed");
                    failed = true;
                    return;
                }
                counters.add("packets-out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the link is ending
        }
    }

    void awaitWriter() throws InterruptedException {
        writer.join(2_000);
    }
}
