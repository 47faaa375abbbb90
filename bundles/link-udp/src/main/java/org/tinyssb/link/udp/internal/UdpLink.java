package org.tinyssb.link.udp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Crc32Frame;

/**
 * A UDP medium as one link: datagrams {@code packet || CRC32} to a multicast group and to any
 * configured unicast or broadcast peers, as the ESP32 firmware's WiFi link sends them. It listens
 * on the group's port and sends from a socket of its own, so that its own datagrams, looped back
 * by the system, are recognised by their source and ignored. A datagram whose CRC does not match
 * is dropped and counted.
 */
final class UdpLink implements Link {
    /** Largest datagram read: a tinySSB packet is at most 120 bytes, plus the CRC. */
    static final int MAX_DATAGRAM = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(UdpLink.class);
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;

    private final String id;
    private final DatagramChannel receive;
    private final DatagramChannel send;
    private final List<InetSocketAddress> destinations;
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile PacketReceiver receiver;
    private volatile long lastWarning;

    /**
     * @param group        multicast group, or null for unicast/broadcast peers only
     * @param iface        network interface address for multicast, or null for the system's choice
     * @param peers        further destinations (unicast or broadcast addresses)
     */
    UdpLink(InetAddress group, int port, InetAddress iface, int ttl, List<InetSocketAddress> peers) throws IOException {
        this.id = "udp:" + (group == null ? "" : group.getHostAddress()) + ":" + port;
        NetworkInterface ni = iface == null ? null : NetworkInterface.getByInetAddress(iface);
        if (iface != null && ni == null) {
            throw new SocketException("no network interface has the address " + iface.getHostAddress());
        }
        receive = DatagramChannel.open(StandardProtocolFamily.INET)
                .setOption(StandardSocketOptions.SO_REUSEADDR, true)
                .bind(new InetSocketAddress(port));
        send = DatagramChannel.open(StandardProtocolFamily.INET)
                .setOption(StandardSocketOptions.SO_BROADCAST, true)
                .setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true)
                .setOption(StandardSocketOptions.IP_MULTICAST_TTL, ttl)
                .bind(new InetSocketAddress(iface, 0));
        List<InetSocketAddress> all = new java.util.ArrayList<>(peers);
        if (group != null) {
            NetworkInterface joinOn = ni != null ? ni : defaultMulticastInterface();
            receive.join(group, joinOn);
            send.setOption(StandardSocketOptions.IP_MULTICAST_IF, joinOn);
            all.add(0, new InetSocketAddress(group, port));
        }
        this.destinations = List.copyOf(all);
        this.reader = new Thread(this::readLoop, "tinyssb-" + id);
        reader.setDaemon(true);
    }

    private static NetworkInterface defaultMulticastInterface() throws SocketException {
        for (NetworkInterface n : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (n.isUp() && n.supportsMulticast() && !n.isLoopback()) {
                return n;
            }
        }
        return NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
    }

    void start() {
        reader.start();
    }

    SocketAddress sendAddress() throws IOException {
        return send.getLocalAddress();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public LinkProfile profile() {
        return new LinkProfile(MAX_DATAGRAM - Crc32Frame.CRC_LENGTH, Double.POSITIVE_INFINITY, true);
    }

    @Override
    public void attach(PacketReceiver r) {
        receiver = r;
    }

    @Override
    public boolean send(byte[] packet) {
        if (packet.length > MAX_DATAGRAM - Crc32Frame.CRC_LENGTH) {
            count("send-refused");
            return false;
        }
        byte[] frame = Crc32Frame.frame(packet);
        boolean sent = false;
        for (InetSocketAddress to : destinations) {
            try {
                send.send(ByteBuffer.wrap(frame), to);
                sent = true;
            } catch (IOException e) {
                count("send-failed");
                warn("cannot send to " + to + ": " + e.getMessage());
            }
        }
        if (sent) {
            count("packets-out");
        }
        return sent;
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM + 1);
        while (receive.isOpen()) {
            try {
                buf.clear();
                SocketAddress from = receive.receive(buf);
                if (isOwn(from)) {
                    continue;
                }
                if (buf.position() > MAX_DATAGRAM) {
                    count("oversize");
                    continue;
                }
                byte[] packet;
                try {
                    packet = Crc32Frame.unframe(buf.array(), buf.position());
                } catch (CodecException e) {
                    count("bad-crc");
                    warn("dropped a datagram from " + from + ": " + e.getMessage());
                    continue;
                }
                count("packets-in");
                PacketReceiver r = receiver;
                if (r != null) {
                    r.packetReceived(this, packet);
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                count("receive-error");
                warn("receive failed: " + e);
            }
        }
    }

    private boolean isOwn(SocketAddress from) throws IOException {
        if (!(from instanceof InetSocketAddress f) || !(send.getLocalAddress() instanceof InetSocketAddress mine)) {
            return false;
        }
        return f.getPort() == mine.getPort()
                && (f.getAddress().equals(mine.getAddress()) || NetworkInterface.getByInetAddress(f.getAddress()) != null);
    }

    private void warn(String message) {
        long now = System.nanoTime();
        if (now - lastWarning > WARN_EVERY_NANOS) {
            lastWarning = now;
            LOG.warn("{}: {} (further ones counted, logged at most once a minute)", id, message);
        }
    }

    private void count(String counter) {
        counters.computeIfAbsent(counter, c -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    void close() throws InterruptedException {
        try {
            receive.close();
            send.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", id, e.toString());
        }
        reader.join(2_000);
    }
}
