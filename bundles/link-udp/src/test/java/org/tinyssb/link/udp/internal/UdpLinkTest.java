package org.tinyssb.link.udp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tinyssb.codec.Crc32Frame;

/** Two links on one multicast group on this machine's loopback, as two nodes on one WiFi would be. */
class UdpLinkTest {
    private static final InetAddress GROUP = address("239.5.5.8");
    private static final InetAddress LOOPBACK = address("127.0.0.1");
    private UdpLink a;
    private UdpLink b;

    private static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    @AfterEach
    void close() throws InterruptedException {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void packetsReachTheOtherNodeButNotTheSenderItself() throws Exception {
        int port = freePort();
        a = new UdpLink(GROUP, port, LOOPBACK, 0, List.of(), 2000);
        b = new UdpLink(GROUP, port, LOOPBACK, 0, List.of(), 2000);
        BlockingQueue<byte[]> atA = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> atB = new LinkedBlockingQueue<>();
        a.attach((l, p) -> atA.add(p));
        b.attach((l, p) -> atB.add(p));
        a.start();
        b.start();
        byte[] packet = new byte[120];
        packet[5] = 7;
        assertTrue(a.send(packet));
        assertArrayEquals(packet, atB.poll(10, TimeUnit.SECONDS));
        assertTrue(b.send(new byte[] {9, 9, 9}));
        assertArrayEquals(new byte[] {9, 9, 9}, atA.poll(10, TimeUnit.SECONDS));
        assertNull(atA.poll(200, TimeUnit.MILLISECONDS), "a does not hear its own packet");
        assertEquals(1L, a.counters().get("out"));
        assertEquals(1L, b.counters().get("in"));
    }

    @Test
    void datagramsWithABadCrcAreCountedAndDropped() throws Exception {
        int port = freePort();
        a = new UdpLink(GROUP, port, LOOPBACK, 0, List.of(), 2000);
        BlockingQueue<byte[]> atA = new LinkedBlockingQueue<>();
        a.attach((l, p) -> atA.add(p));
        a.start();
        try (DatagramSocket raw = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            byte[] good = Crc32Frame.frame(new byte[] {1, 2, 3});
            byte[] bad = good.clone();
            bad[1] ^= 1;
            raw.send(new DatagramPacket(bad, bad.length, new InetSocketAddress(LOOPBACK, port)));
            raw.send(new DatagramPacket(new byte[] {1, 2}, 2, new InetSocketAddress(LOOPBACK, port)));
            raw.send(new DatagramPacket(good, good.length, new InetSocketAddress(LOOPBACK, port)));
        }
        assertArrayEquals(new byte[] {1, 2, 3}, atA.poll(10, TimeUnit.SECONDS), "the good one arrives after the bad ones");
        assertEquals(2L, a.counters().get("bad-crc"));
    }

    @Test
    void unicastPeersGetTheirCopy() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            peer.setSoTimeout(10_000);
            a = new UdpLink(null, freePort(), null, 1, UdpLinkComponent.peers("127.0.0.1:" + peer.getLocalPort()), 2000);
            a.start();
            assertTrue(a.send(new byte[] {4, 5}));
            DatagramPacket d = new DatagramPacket(new byte[100], 100);
            peer.receive(d);
            assertArrayEquals(new byte[] {4, 5}, Crc32Frame.unframe(d.getData(), d.getLength()));
        }
    }

    @Test
    void withAnInterfaceAddressNoSocketListensOnEveryInterface() throws Exception {
        int port = freePort();
        a = new UdpLink(GROUP, port, LOOPBACK, 0, List.of(), 2000);
        assertEquals(List.of(new InetSocketAddress(GROUP, port), new InetSocketAddress(LOOPBACK, port)),
                a.receiveAddresses());
        assertEquals(LOOPBACK, ((InetSocketAddress) a.sendAddress()).getAddress());
        UdpLink any = new UdpLink(GROUP, freePort(), null, 0, List.of(), 2000);
        assertTrue(((InetSocketAddress) any.receiveAddresses().get(0)).getAddress().isAnyLocalAddress(),
                "without one it listens everywhere, as the firmware does");
        any.close();
    }

    @Test
    void datagramsBeyondTheRateLimitAreDroppedAndCounted() throws Exception {
        int port = freePort();
        a = new UdpLink(GROUP, port, LOOPBACK, 0, List.of(), 10); // bursts of 20
        BlockingQueue<byte[]> atA = new LinkedBlockingQueue<>();
        a.attach((l, p) -> atA.add(p));
        a.start();
        byte[] good = Crc32Frame.frame(new byte[] {1});
        try (DatagramSocket raw = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            for (int i = 0; i < 200; i++) {
                raw.send(new DatagramPacket(good, good.length, new InetSocketAddress(LOOPBACK, port)));
            }
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (a.counters().getOrDefault("in", 0L) + a.counters().getOrDefault("flood", 0L) < 200
                && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling the reader thread's counters, bounded
        }
        long in = a.counters().getOrDefault("in", 0L);
        assertTrue(in >= 20 && in <= 40, "taken " + in + " of 200 (a burst of 20, then 10 a second)");
        assertEquals(200 - in, a.counters().get("flood"));
    }

    @Test
    void peersMustBeHostAndPort() {
        assertThrows(IllegalArgumentException.class, () -> UdpLinkComponent.peers("just-a-host"));
        assertEquals(2, UdpLinkComponent.peers(" 10.0.0.1:1558 , 10.0.0.255:1558").size());
    }
}
