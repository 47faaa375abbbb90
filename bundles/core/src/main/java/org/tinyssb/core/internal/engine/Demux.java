package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tinyssb.api.store.DamagedEntry;
import org.tinyssb.codec.Dmx;

/**
 * The two lookup tables of the receive path: armed DMX values (the next entry of every feed, the
 * GOset DMX, the WANT and CHNK DMX of known GOset states) and expected chunk hashes (the next
 * chunk of every incomplete side chain). Both are hash maps: O(1) per packet.
 */
final class Demux {
    /** What an armed DMX value leads to. */
    sealed interface Target permits EntryTarget, RepairTarget, GoSetTarget, WantTarget, ChunkVectorTarget,
            WantByIdTarget, ChunkByIdTarget, FeedsRequestTarget, FeedsPageTarget, NeighbourTarget {
    }

    /** Peer beacons and the management plane's packets: who is around. */
    record NeighbourTarget(Kind kind) implements Target {
        enum Kind {
            REQUEST, REPLY, MGMT
        }
    }

    /** The next entry of a feed. */
    record EntryTarget(FeedReplica feed) implements Target {
    }

    /** A stored entry its store found damaged: a peer's copy replaces it. */
    record RepairTarget(FeedReplica feed, DamagedEntry entry) implements Target {
    }

    /** GOset claims and novelties. */
    record GoSetTarget() implements Target {
    }

    /** WANT vectors whose indexes refer to {@code view}. */
    record WantTarget(GoSetView view) implements Target {
    }

    /** CHNK vectors whose indexes refer to {@code view}. */
    record ChunkVectorTarget(GoSetView view) implements Target {
    }

    /** WANT vectors naming feeds by id (this node's extension). */
    record WantByIdTarget() implements Target {
    }

    /** CHNK vectors naming feeds by id. */
    record ChunkByIdTarget() implements Target {
    }

    /** Feed page requests (this node's extension). */
    record FeedsRequestTarget() implements Target {
    }

    /** Feed pages and epoch packets. */
    record FeedsPageTarget() implements Target {
    }

    /** The next chunk of entry {@code seq}'s side chain. */
    record ChunkTarget(FeedReplica feed, long seq, int index) {
    }

    private final Map<Long, Target> byDmx = new HashMap<>();
    private final Map<HashKey, List<ChunkTarget>> byHash = new HashMap<>();

    void arm(byte[] dmx, Target target) {
        arm(Dmx.key(dmx), target);
    }

    /** Arms the DMX whose {@link Dmx#key} is {@code dmx}. */
    void arm(long dmx, Target target) {
        byDmx.put(dmx, target);
    }

    /** Disarms {@code dmx} if it still leads to {@code target} (another may have taken it over). */
    void disarm(byte[] dmx, Target target) {
        disarm(Dmx.key(dmx), target);
    }

    void disarm(long dmx, Target target) {
        byDmx.remove(dmx, target);
    }

    /** The target of a packet's first 7 bytes, or null. */
    Target target(byte[] packet) {
        return byDmx.get(Dmx.key(packet, 0));
    }

    void armChunk(byte[] hash, ChunkTarget target) {
        byHash.computeIfAbsent(new HashKey(hash), h -> new ArrayList<>(1)).add(target);
    }

    void disarmChunk(byte[] hash, ChunkTarget target) {
        HashKey key = new HashKey(hash);
        List<ChunkTarget> list = byHash.get(key);
        if (list != null && list.remove(target) && list.isEmpty()) {
            byHash.remove(key);
        }
    }

    /** Every target waiting for a chunk with {@code hash} (several feeds may share content). */
    List<ChunkTarget> chunkTargets(byte[] hash) {
        List<ChunkTarget> list = byHash.get(new HashKey(hash));
        return list == null ? List.of() : List.copyOf(list);
    }

    int armedDmxCount() {
        return byDmx.size();
    }

    int armedChunkCount() {
        return byHash.values().stream().mapToInt(List::size).sum();
    }
}
