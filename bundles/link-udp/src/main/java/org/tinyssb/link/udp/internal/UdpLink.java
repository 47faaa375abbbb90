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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;
import org.tinyssb.codec.Crc32Frame;
import org.tinyssb.link.kit.Framing;
import org.tinyssb.link.kit.Inbound;
import org.tinyssb.link.kit.LinkCounter;
import org.tinyssb.link.kit.LinkCounters;
import org.tinyssb.link.kit.RateLimit;
import org.tinyssb.link.kit.WarningThrottle;

/**
 * A UDP medium as one link: datagrams {@code packet || CRC32} to a multicast group and to any
 * configured unicast or broadcast peers, as the ESP32 firmware's WiFi link sends them. It listens
 * on the group's port and sends from a socket of its own, so that its own datagrams, looped back
 * by the system, are recognised by their source and ignored. With an interface address set, every
 * socket binds to a specific address, never to every interface: one to the group (it takes only
 * the group's datagrams, on the interface it joined), one to the interface address (unicast from
 * peers). A datagram whose CRC does not match is dropped and counted; datagrams beyond the rate
 * limit too.
 */
final class UdpLink implements Link {
    /** Largest datagram read: a tinySSB packet is at most 120 bytes, plus the CRC. */
    static final int MAX_DATAGRAM = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(UdpLink.class);

    private final String id;
    /** The sockets that listen: one bound to every interface, or the group's and the interface's. */
    private final List<DatagramChannel> receive = new java.util.ArrayList<>();
    private final java.nio.channels.Selector selector;
    private final DatagramChannel send;
    private final List<InetSocketAddress> destinations;
    private final LinkCounters counters = new LinkCounters();
    private final WarningThrottle warnings;
    private final Inbound inbound;
    private final RateLimit rate;
    private final Thread reader;

    /**
     * @param group        multicast group, or null for unicast/broadcast peers only
     * @param iface        network interface address for multicast, or null for the system's choice
     * @param peers        further destinations (unicast or broadcast addresses)
     * @param packetsPerSecond datagrams per second taken in; more are dropped and counted
     */
    UdpLink(InetAddress group, int port, InetAddress iface, int ttl, List<InetSocketAddress> peers,
            double packetsPerSecond) throws IOException {
        this.id = "udp:" + (group == null ? "" : group.getHostAddress()) + ":" + port;
        this.warnings = new WarningThrottle(LOG, id);
        this.inbound = new Inbound(this, Framing.CRC32, MAX_DATAGRAM - Crc32Frame.CRC_LENGTH, counters, warnings);
        this.rate = new RateLimit(packetsPerSecond, System::nanoTime);
        NetworkInterface ni = iface == null ? null : NetworkInterface.getByInetAddress(iface);
        if (iface != null && ni == null) {
            throw new SocketException("no network interface has the address " + iface.getHostAddress());
        }
        for (InetSocketAddress at : receiveAddresses(group, iface, port)) {
            receive.add(DatagramChannel.open(StandardProtocolFamily.INET)
                    .setOption(StandardSocketOptions.SO_REUSEADDR, true)
                    .bind(at));
        }
        send = DatagramChannel.open(StandardProtocolFamily.INET)
                .setOption(StandardSocketOptions.SO_BROADCAST, true)
                .setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true)
                .setOption(StandardSocketOptions.IP_MULTICAST_TTL, ttl)
                .bind(new InetSocketAddress(iface, 0));
        List<InetSocketAddress> all = new java.util.ArrayList<>(peers);
        if (group != null) {
            NetworkInterface joinOn = ni != null ? ni : defaultMulticastInterface();
            receive.get(0).join(group, joinOn);
            send.setOption(StandardSocketOptions.IP_MULTICAST_IF, joinOn);
            all.add(0, new InetSocketAddress(group, port));
        }
        this.destinations = List.copyOf(all);
        this.selector = java.nio.channels.Selector.open();
        for (DatagramChannel ch : receive) {
            ch.configureBlocking(false);
            ch.register(selector, java.nio.channels.SelectionKey.OP_READ);
        }
        this.reader = new Thread(this::readLoop, "tinyssb-" + id);
        reader.setDaemon(true);
    }

    /**
     * Where the listening sockets bind: with an interface named, the group (only its datagrams
     * arrive, on the interface it was joined on; first, as it joins) and the interface's address;
     * with none named, every interface, as the firmware listens.
     */
    static List<InetSocketAddress> receiveAddresses(InetAddress group, InetAddress iface, int port) {
        if (iface == null) {
            return List.of(new InetSocketAddress(port));
        }
        return group == null ? List.of(new InetSocketAddress(iface, port))
                : List.of(new InetSocketAddress(group, port), new InetSocketAddress(iface, port));
    }

    /** The addresses the listening sockets are bound to. */
    List<SocketAddress> receiveAddresses() throws IOException {
        List<SocketAddress> out = new java.util.ArrayList<>();
        for (DatagramChannel ch : receive) {
            out.add(ch.getLocalAddress());
        }
        return out;
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
        inbound.attach(r);
    }

    @Override
    public boolean send(byte[] packet) {
        if (packet.length > MAX_DATAGRAM - Crc32Frame.CRC_LENGTH) {
            counters.increment(LinkCounter.SEND_REFUSED);
            return false;
        }
        byte[] frame = Crc32Frame.frame(packet);
        boolean sent = false;
        for (InetSocketAddress to : destinations) {
            try {
                send.send(ByteBuffer.wrap(frame), to);
                sent = true;
            } catch (IOException e) {
                counters.increment(LinkCounter.SEND_FAILED);
                warnings.warn("send", "cannot send to " + to + ": " + e.getMessage());
            }
        }
        if (sent) {
            counters.increment(LinkCounter.PACKETS_OUT);
        }
        return sent;
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM + 1);
        while (selector.isOpen()) {
            try {
                selector.select();
                for (java.nio.channels.SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel ch = (DatagramChannel) key.channel();
                    buf.clear();
                    SocketAddress from;
                    while ((from = ch.receive(buf)) != null) {
                        received(buf, from);
                        buf.clear();
                    }
                }
                selector.selectedKeys().clear();
            } catch (ClosedChannelException | java.nio.channels.ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                inbound.drop(LinkCounter.RECEIVE_ERROR, "receive failed: " + e);
            }
        }
    }

    private void received(ByteBuffer buf, SocketAddress from) throws IOException {
        if (isOwn(from)) {
            return;
        }
        if (buf.position() > MAX_DATAGRAM) {
            inbound.drop(LinkCounter.OVERSIZE, "dropped a datagram of more than " + MAX_DATAGRAM + " bytes from " + from);
            return;
        }
        if (!rate.admit()) {
            inbound.drop(LinkCounter.FLOOD, "dropped datagrams beyond the rate limit (the latest from " + from + ")");
            return;
        }
        inbound.frame(java.util.Arrays.copyOf(buf.array(), buf.position()), buf.position(), String.valueOf(from));
    }

    private boolean isOwn(SocketAddress from) throws IOException {
        if (!(from instanceof InetSocketAddress f) || !(send.getLocalAddress() instanceof InetSocketAddress mine)) {
            return false;
        }
        return f.getPort() == mine.getPort()
                && (f.getAddress().equals(mine.getAddress()) || NetworkInterface.getByInetAddress(f.getAddress()) != null);
    }

    @Override
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    void close() throws InterruptedException {
        try {
            selector.close();
            for (DatagramChannel ch : receive) {
                ch.close();
            }
            send.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", id, e.toString());
        }
        reader.join(2_000);
    }
}
