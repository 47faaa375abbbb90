package org.tinyssb.link.websocket.internal;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The server's connection slots: at most {@code max} connections, at most {@code perAddress} from
 * one address (so one host cannot take them all), and a connection that has not finished its
 * WebSocket handshake within the time-out gives its slot back. Counts connections from the TCP
 * accept on, handshakes pending included. Thread-safe; the clock is injected.
 */
final class ConnectionGate {
    /** Why a connection is refused, or null. */
    enum Refusal {
        FULL("all connection slots are taken"), ADDRESS("too many connections from this address");

        final String reason;

        Refusal(String reason) {
            this.reason = reason;
        }
    }

    private final int max;
    private final int perAddress;
    private final long handshakeNanos;
    private final LongSupplier nanoClock;
    /** Every connection holding a slot: its address and when it was accepted; 0 once its handshake is done. */
    private final Map<Object, Slot> slots = new ConcurrentHashMap<>();

    private record Slot(InetAddress address, long acceptedAt, boolean open) {
    }

    ConnectionGate(int max, int perAddress, long handshakeMillis, LongSupplier nanoClock) {
        this.max = max;
        this.perAddress = perAddress;
        this.handshakeNanos = handshakeMillis * 1_000_000;
        this.nanoClock = nanoClock;
    }

    /** A TCP connection from {@code address} was accepted as {@code connection}: its slot, or why not. */
    synchronized Refusal admit(Object connection, InetAddress address) {
        if (slots.size() >= max) {
            return Refusal.FULL;
        }
        long fromThere = slots.values().stream().filter(s -> s.address().equals(address)).count();
        if (fromThere >= perAddress) {
            return Refusal.ADDRESS;
        }
        slots.put(connection, new Slot(address, nanoClock.getAsLong(), false));
        return null;
    }

    /** Its handshake is done: no time-out any more. */
    void opened(Object connection) {
        slots.computeIfPresent(connection, (c, s) -> new Slot(s.address(), s.acceptedAt(), true));
    }

    /** It is gone: its slot is free. */
    void closed(Object connection) {
        slots.remove(connection);
    }

    /**
     * Frees the slots of connections that are {@code gone} (closed before their handshake, which
     * the server reports to nobody) and returns those whose handshake has taken longer than the
     * time-out; the caller closes them.
     */
    synchronized java.util.List<Object> sweep(java.util.function.Predicate<Object> gone) {
        slots.keySet().removeIf(gone);
        long now = nanoClock.getAsLong();
        java.util.List<Object> overdue = slots.entrySet().stream()
                .filter(e -> !e.getValue().open() && now - e.getValue().acceptedAt() > handshakeNanos)
                .map(Map.Entry::getKey).toList();
        overdue.forEach(slots::remove);
        return overdue;
    }

    int size() {
        return slots.size();
    }
}
