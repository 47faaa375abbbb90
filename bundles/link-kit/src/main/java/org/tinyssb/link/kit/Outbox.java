package org.tinyssb.link.kit;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Packets waiting for a link's writer, bounded in packets and in bytes: a peer or a radio that
 * does not keep up can make the node spend at most this much memory on it. A packet that does
 * not fit is refused ({@code Link.send} returns false; the node regenerates answers later) and
 * {@link #congested()} tells the node to stop answering until the outbox drains.
 */
public final class Outbox {
    private final int maxPackets;
    private final long maxBytes;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long bytes;
    private boolean closed;

    public Outbox(int maxPackets, long maxBytes) {
        if (maxPackets < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("an outbox holds at least one packet and one byte");
        }
        this.maxPackets = maxPackets;
        this.maxBytes = maxBytes;
    }

    /** Whether {@code queuedPackets} packets of {@code queuedBytes} leave room for one of {@code length} bytes. */
    public static boolean admits(int queuedPackets, long queuedBytes, int length, int maxPackets, long maxBytes) {
        return queuedPackets < maxPackets && queuedBytes + length <= maxBytes;
    }

    /** Queues {@code packet}; false if it does not fit or the outbox is closed. */
    public synchronized boolean offer(byte[] packet) {
        if (closed || !admits(queue.size(), bytes, packet.length, maxPackets, maxBytes)) {
            return false;
        }
        queue.addLast(packet);
        bytes += packet.length;
        notifyAll();
        return true;
    }

    /** The next packet, waiting at most {@code timeout}; null if none came or the outbox closed. */
    public synchronized byte[] poll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (queue.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        byte[] p = queue.pollFirst();
        if (p != null) {
            bytes -= p.length;
        }
        return p;
    }

    /** Whether at least half of the room is taken: the node holds back answers until it drains. */
    public synchronized boolean congested() {
        return queue.size() * 2 >= maxPackets || bytes * 2 >= maxBytes;
    }

    public synchronized int size() {
        return queue.size();
    }

    public synchronized long bytes() {
        return bytes;
    }

    /** Refuses everything from now on and drops what waits. */
    public synchronized void close() {
        closed = true;
        queue.clear();
        bytes = 0;
        notifyAll();
    }
}
