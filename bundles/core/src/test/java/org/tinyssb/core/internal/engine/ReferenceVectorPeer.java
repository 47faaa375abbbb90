package org.tinyssb.core.internal.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.Link;
import org.tinyssb.codec.Bipf;
import org.tinyssb.codec.ChainHeader;
import org.tinyssb.codec.ChunkVector;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Dmx;
import org.tinyssb.codec.EntryName;
import org.tinyssb.codec.EntryRejectedException;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.LogEntry;
import org.tinyssb.codec.SideChain;
import org.tinyssb.codec.VerifyingKey;
import org.tinyssb.codec.WantVector;

/**
 * The pulling side of the reference pub (simplepub's {@code node.py} in role "in" and the
 * connection loop of {@code spub.py}) for a stream link, as it asks for entries and chunks:
 * <ul>
 *   <li>two tasks, one sending a WANT vector, one a CHNK vector, each then sleeping for the
 *       shared round-trip estimate {@code rtt} (4 s at first);</li>
 *   <li>the WANT names, from an offset that moves by one every round, the next sequence number
 *       of each feed until the encoded numbers pass 100 bytes; the CHNK names {@code [index, seq,
 *       next chunk]} of each incomplete side chain, cut the same way;</li>
 *   <li>a round with nothing received since the last one makes {@code rtt} 1.5 times longer (at
 *       most 4 s); the first packet after a round that received something measures it:
 *       {@code rtt = (rtt + elapsed) / 2}, at least 10 ms;</li>
 *   <li>it takes only the next entry of each feed (the one DMX it arms) and the next chunk of each
 *       chain (the one hash it arms), one packet after the other on one event loop: while it
 *       verifies, its vector tasks wait too.</li>
 * </ul>
 * The time it needs per packet is this model's assumption ({@code entryMillis}, {@code chunkMillis}:
 * a pure-Python Ed25519 verification is milliseconds). It holds a given GOset (the GOset exchange
 * is {@link ReferenceGoSetPeer}'s business) and answers nothing.
 */
final class ReferenceVectorPeer {
    private static final double RTT_MAX_SECONDS = 4.0;
    private static final double RTT_MIN_SECONDS = 0.01;
    private static final int VECTOR_BUDGET = 100;

    private final VirtualScheduler scheduler;
    private final List<FeedId> keys;
    private final byte[] wantDmx;
    private final byte[] chunkDmx;
    private final long entryMillis;
    private final double chunkMillis;
    private final Map<FeedId, long[]> height = new HashMap<>();
    private final Map<FeedId, byte[]> prev = new HashMap<>();
    private final Map<FeedId, LinkedHashMap<Long, Chain>> pending = new HashMap<>();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private Link link;
    private double rtt = RTT_MAX_SECONDS;
    private long lastAdvertisedAt;
    private int incoming;
    private int offset;
    private double busyUntil;
    private boolean processing;
    long entries;
    long chunks;
    long unmatched;

    /** The next chunk of a side chain: its number and the hash it must have. */
    private static final class Chain {
        int next;
        byte[] hash;
    }

    ReferenceVectorPeer(VirtualScheduler scheduler, List<FeedId> gosetKeys, long entryMillis, double chunkMillis) {
        this.scheduler = scheduler;
        GoSet goset = new GoSet(255);
        gosetKeys.forEach(goset::add);
        GoSetView view = goset.view();
        this.keys = view.keys();
        this.wantDmx = view.wantDmx();
        this.chunkDmx = view.chunkDmx();
        this.entryMillis = entryMillis;
        this.chunkMillis = chunkMillis;
        for (FeedId k : keys) {
            height.put(k, new long[] {0});
            prev.put(k, EntryName.genesisPrev(k));
            pending.put(k, new LinkedHashMap<>());
        }
    }

    void attach(Link end) {
        this.link = end;
        end.attach((from, packet) -> arrived(packet));
        scheduler.schedule(0, () -> task(this::wantVector, false));
        scheduler.schedule(0, () -> task(this::chunkVector, false));
    }

    long height(FeedId feed) {
        return height.get(feed)[0];
    }

    int incompleteChains() {
        return pending.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * One vector task: send, then sleep rtt. A task that wakes while a packet is being verified
     * runs right after it (the receive loop yields after each packet), before the next packet.
     */
    private void task(Runnable send, boolean waited) {
        long now = scheduler.nowMillis();
        if (!waited && busyUntil > now) {
            scheduler.schedule((long) Math.ceil(busyUntil - now), () -> task(send, true));
            return;
        }
        send.run();
        scheduler.schedule(Math.max(1, Math.round(rtt * 1000)), () -> task(send, false));
    }

    private void wantVector() {
        if (incoming == 0) {
            rtt = Math.min(RTT_MAX_SECONDS, rtt * 1.5);
            lastAdvertisedAt = 0;
        } else {
            lastAdvertisedAt = scheduler.nowMillis();
            incoming = 0;
        }
        List<Long> seqs = new ArrayList<>();
        int encoded = 0;
        for (int i = 0; i < keys.size(); i++) {
            long seq = height(keys.get((offset + i) % keys.size())) + 1;
            seqs.add(seq);
            encoded += Bipf.encodedLength(seq);
            if (encoded > VECTOR_BUDGET) {
                break;
            }
        }
        int at = offset;
        offset = (offset + 1) % keys.size();
        link.send(new WantVector(at, seqs).encode(wantDmx));
    }

    private void chunkVector() {
        List<ChunkVector.Request> requests = new ArrayList<>();
        int encoded = 0;
        outer:
        for (int i = 0; i < keys.size(); i++) {
            int index = (offset + i) % keys.size();
            for (Map.Entry<Long, Chain> c : pending.get(keys.get(index)).entrySet()) {
                ChunkVector.Request r = new ChunkVector.Request(index, c.getKey(), c.getValue().next);
                requests.add(r);
                encoded += Bipf.encodedLength(r.asList());
                if (encoded > VECTOR_BUDGET) {
                    break outer;
                }
            }
        }
        if (!requests.isEmpty()) {
            link.send(new ChunkVector(requests).encode(chunkDmx));
        }
    }

    private void arrived(byte[] packet) {
        queue.add(packet);
        if (!processing) {
            processing = true;
            scheduler.schedule(0, this::processNext);
        }
    }

    /** The event loop takes one packet after the other, each costing its verification time. */
    private void processNext() {
        byte[] packet = queue.poll();
        if (packet == null) {
            processing = false;
            return;
        }
        double cost = rx(packet);
        busyUntil = scheduler.nowMillis() + cost;
        scheduler.schedule((long) Math.ceil(cost), this::processNext);
    }

    /** The reference's rx(): a DMX it armed, then a chunk hash it armed; returns the time it took. */
    private double rx(byte[] packet) {
        for (FeedId k : keys) {
            long seq = height(k) + 1;
            if (Arrays.equals(packet, 0, Dmx.LENGTH, Entries.dmx(k, seq, prev.get(k)), 0, Dmx.LENGTH)) {
                adjustRtt();
                ingestEntry(k, seq, packet);
                return entryMillis;
            }
        }
        if (packet.length == SideChain.CHUNK_LENGTH) {
            byte[] hash = SideChain.hash(packet);
            for (FeedId k : keys) {
                for (Map.Entry<Long, Chain> c : pending.get(k).entrySet()) {
                    if (Arrays.equals(hash, c.getValue().hash)) {
                        adjustRtt();
                        ingestChunk(k, c.getKey(), c.getValue(), packet);
                        return chunkMillis;
                    }
                }
            }
        }
        unmatched++;
        return 0;
    }

    private void adjustRtt() {
        if (lastAdvertisedAt != 0 && incoming == 0) {
            rtt = Math.max(RTT_MIN_SECONDS, 0.5 * rtt + 0.5 * (scheduler.nowMillis() - lastAdvertisedAt) / 1000.0);
        }
        incoming++;
    }

    private void ingestEntry(FeedId k, long seq, byte[] packet) {
        LogEntry e;
        try {
            e = Entries.verify(VerifyingKey.of(k), seq, prev.get(k), packet);
        } catch (EntryRejectedException ex) {
            return;
        }
        entries++;
        height.get(k)[0] = seq;
        prev.put(k, e.messageId());
        if (e.type() == Entries.TYPE_CHAIN20) {
            try {
                ChainHeader h = ChainHeader.of(packet);
                if (h.chunkCount() > 0 && !SideChain.isNullPointer(h.firstPointer())) {
                    Chain c = new Chain();
                    c.hash = h.firstPointer();
                    pending.get(k).put(seq, c);
                }
            } catch (CodecException ex) {
                throw new IllegalStateException("a verified entry with a bad header", ex);
            }
        }
    }

    private void ingestChunk(FeedId k, long seq, Chain c, byte[] packet) {
        chunks++;
        byte[] next = SideChain.nextPointer(packet);
        if (SideChain.isNullPointer(next)) {
            pending.get(k).remove(seq);
        } else {
            c.next++;
            c.hash = next;
        }
    }
}
