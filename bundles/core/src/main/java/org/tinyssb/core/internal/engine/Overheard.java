package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import org.tinyssb.api.link.Link;

/**
 * Entries and chunks heard on a shared channel before this node could use them. A neighbour's
 * answers to another node's vector are often the next entries of a feed this node is a few
 * entries behind on, and a lost frame leaves the frames after it without the entry (or chunk)
 * their DMX (or hash) follows from: kept here, they are tried again whenever this node stores
 * something, and need not be sent again. At most {@code capacity} are kept, the oldest evicted
 * first; anyone may fill it with junk, which only evicts, and it never grows past its bound.
 */
final class Overheard {
    /** Packets kept: 15 KB, a few rounds of a busy channel. */
    static final int CAPACITY = 128;

    /** A packet kept, with its chunk hash (computed once) and the link it was heard on. */
    record Packet(byte[] bytes, byte[] hash, Link link) {
    }

    private final int capacity;
    private final LinkedHashMap<HashKey, Packet> kept = new LinkedHashMap<>();
    private long used;

    Overheard(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        this.capacity = capacity;
    }

    /** Keeps {@code packet} (whose chunk hash is {@code hash}), heard on {@code link}, unless it is kept already. */
    void keep(byte[] packet, byte[] hash, Link link) {
        HashKey key = new HashKey(hash);
        if (capacity == 0 || kept.containsKey(key)) {
            return;
        }
        kept.put(key, new Packet(packet, hash, link));
        if (kept.size() > capacity) {
            Iterator<HashKey> oldest = kept.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    boolean isEmpty() {
        return kept.isEmpty();
    }

    int size() {
        return kept.size();
    }

    /** The packets kept now, oldest first (a copy: what is done with them may keep or remove others). */
    List<Packet> snapshot() {
        return new ArrayList<>(kept.values());
    }

    /** Takes {@code p} out (it matched, or its link is gone). */
    void remove(Packet p) {
        kept.remove(new HashKey(p.hash()));
    }

    /** Forgets the packets heard on {@code link} (it is gone). */
    void forget(Link link) {
        kept.values().removeIf(p -> p.link() == link);
    }

    /** One kept packet was stored. */
    void stored() {
        used++;
    }

    /** Kept packets stored so far. */
    long used() {
        return used;
    }
}
