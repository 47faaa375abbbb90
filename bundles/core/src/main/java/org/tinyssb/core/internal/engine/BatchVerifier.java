package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.Dmx;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.EntryName;
import org.tinyssb.codec.EntryRejectedException;
import org.tinyssb.codec.LogEntry;
import org.tinyssb.codec.VerifyingKey;

/**
 * Verifies the entries of a group of received packets on every core before the engine takes them
 * in one by one: the engine thread foresees which entry of which feed each packet would be (the
 * feed's next one, or the one after an entry earlier in the group: its DMX follows from that
 * entry's message id), the signatures are checked in parallel, and {@link Ingestion} uses the
 * result when the packet's turn comes and it is still that entry. Storage order per feed is the
 * engine's as before; a guess that no longer holds (a feed unfollowed meanwhile, a forged copy of
 * an entry arriving first) costs only a verification done again on the engine thread.
 */
final class BatchVerifier {
    /** Fewer entries than this are verified on the engine thread alone (handing over costs more). */
    static final int MIN_PARALLEL = 8;

    /** An entry foreseen: which feed and position, and once verified, the result. */
    static final class Candidate {
        final FeedId feed;
        final VerifyingKey key;
        final long seq;
        final byte[] prev;
        final byte[] packet;
        LogEntry entry;
        EntryRejectedException refused;

        Candidate(FeedId feed, VerifyingKey key, long seq, byte[] prev, byte[] packet) {
            this.feed = feed;
            this.key = key;
            this.seq = seq;
            this.prev = prev;
            this.packet = packet;
        }

        void verify() {
            try {
                entry = Entries.verify(key, seq, prev, packet);
            } catch (EntryRejectedException e) {
                refused = e;
            }
        }

        /** Whether this is what verifying {@code packet} as entry {@code seq} of {@code f} after {@code prev} gives. */
        boolean answers(FeedReplica f, long seq, byte[] prev) {
            return this.seq == seq && feed.equals(f.id) && Arrays.equals(this.prev, prev);
        }
    }

    private final ExecutorService pool;
    private final int helpers;

    /** @param pool threads besides the engine's that verify ({@code helpers} of them), or null for none */
    BatchVerifier(ExecutorService pool, int helpers) {
        this.pool = pool;
        this.helpers = pool == null ? 0 : helpers;
    }

    boolean parallel() {
        return helpers > 0;
    }

    /**
     * The entries among {@code packets} verified in advance, by packet (identity). Empty without
     * helper threads or with few entries.
     */
    Map<byte[], Candidate> verify(List<byte[]> packets, Demux demux, FeedTable feeds) {
        if (helpers == 0) {
            return Map.of();
        }
        List<Candidate> candidates = foresee(packets, demux, feeds);
        if (candidates.size() < MIN_PARALLEL) {
            return Map.of(); // verified as they come
        }
        int slices = helpers + 1;
        List<Future<?>> running = new ArrayList<>(helpers);
        for (int t = 1; t < slices; t++) {
            int slice = t;
            running.add(pool.submit(() -> verifySlice(candidates, slice, slices)));
        }
        verifySlice(candidates, 0, slices); // the engine thread takes its share
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Map.of();
            } catch (java.util.concurrent.ExecutionException e) {
                return Map.of(); // (a slice failed unexpectedly: everything is verified on the engine thread)
            }
        }
        Map<byte[], Candidate> out = new IdentityHashMap<>(candidates.size() * 2);
        for (Candidate c : candidates) {
            out.put(c.packet, c);
        }
        return out;
    }

    private static void verifySlice(List<Candidate> candidates, int slice, int slices) {
        for (int i = slice; i < candidates.size(); i += slices) {
            candidates.get(i).verify();
        }
    }

    /**
     * The entry each packet would be: the next one of the feed whose DMX it carries, or, for a feed
     * whose next entry is earlier in the group, the one after it.
     */
    private static List<Candidate> foresee(List<byte[]> packets, Demux demux, FeedTable feeds) {
        List<Candidate> out = new ArrayList<>();
        Map<Long, Candidate> following = new HashMap<>(); // DMX of the entry after a candidate -> the one it would be
        for (byte[] packet : packets) {
            if (packet.length != Entries.PACKET_LENGTH) {
                continue;
            }
            // (kept, not taken: a forged copy of an entry may come before the real one)
            Candidate c = following.get(Dmx.key(packet, 0));
            if (c == null && demux.target(packet) instanceof Demux.EntryTarget t && t.feed().replicable()
                    && t.feed().key() != null) {
                FeedReplica f = t.feed();
                c = new Candidate(f.id, f.key(), f.height() + 1, f.lastMessageId(), packet);
            } else if (c != null) {
                c = new Candidate(c.feed, c.key, c.seq, c.prev, packet);
            } else {
                continue;
            }
            out.add(c);
            byte[] id = Entries.messageId(EntryName.of(c.feed, c.seq, c.prev), packet);
            following.put(Dmx.key(Entries.dmx(c.feed, c.seq + 1, id)), new Candidate(c.feed, c.key, c.seq + 1, id, null));
        }
        return out;
    }
}
