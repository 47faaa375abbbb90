package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.Dmx;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.EntryName;
import org.tinyssb.codec.EntryRejectedException;
import org.tinyssb.codec.LogEntry;
import org.tinyssb.codec.VerifyingKey;

/**
 * Verifies the entries of received packets on every core before the engine takes them in one by
 * one. The engine thread foresees which entry of which feed each packet would be (the feed's next
 * one, or the one after an entry earlier in the same group or the group before: its DMX follows
 * from that entry's message id), and the signatures are checked by the verify threads while the
 * engine stores the group before ({@link #prepare}); when a group's turn comes the engine helps with
 * what is left ({@link #results}). {@link Ingestion} uses a result when the packet's turn comes and
 * it is still that entry, so the order of storage per feed is the engine's as before; a guess that
 * no longer holds (a feed unfollowed meanwhile, a forged copy of an entry arriving first) costs
 * only a verification done again on the engine thread.
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

    /** The verification of one group: candidates taken in turn by whichever thread is free. */
    static final class Prepared {
        static final Prepared NONE = new Prepared(List.of(), List.of());
        final List<byte[]> packets;
        private final List<Candidate> candidates;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;

        Prepared(List<byte[]> packets, List<Candidate> candidates) {
            this.packets = packets;
            this.candidates = candidates;
            this.done = new CountDownLatch(candidates.size());
        }

        /** Verifies candidates until none is left to take. */
        void work() {
            for (int i; (i = next.getAndIncrement()) < candidates.size(); ) {
                try {
                    candidates.get(i).verify();
                } finally {
                    done.countDown();
                }
            }
        }
    }

    private final ExecutorService pool;
    private final int helpers;
    /** The entries that would follow the last group prepared (DMX of the entry -> what it would be). */
    private Map<Long, Candidate> following = new HashMap<>();

    /** @param pool threads besides the engine's that verify ({@code helpers} of them), or null for none */
    BatchVerifier(ExecutorService pool, int helpers) {
        this.pool = pool;
        this.helpers = pool == null ? 0 : helpers;
    }

    /**
     * Foresees the entries among {@code packets}, which come after the group prepared last, and
     * has the verify threads check them. Without helper threads, or with few entries, nothing.
     */
    Prepared prepare(List<byte[]> packets, Demux demux, FeedTable feeds) {
        if (helpers == 0) {
            return Prepared.NONE;
        }
        List<Candidate> candidates = foresee(packets, demux, feeds);
        if (candidates.size() < MIN_PARALLEL) {
            return Prepared.NONE; // verified as they come
        }
        Prepared p = new Prepared(packets, candidates);
        try {
            for (int t = 0; t < helpers; t++) {
                pool.execute(p::work);
            }
        } catch (RejectedExecutionException e) {
            // the pool is shutting down: the engine thread verifies them in results()
        }
        return p;
    }

    /** The verified entries of {@code p}, by packet (identity): the engine thread takes what is left, then waits. */
    Map<byte[], Candidate> results(Prepared p) {
        if (p.candidates.isEmpty()) {
            return Map.of();
        }
        p.work();
        try {
            p.done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        Map<byte[], Candidate> out = new IdentityHashMap<>(p.candidates.size() * 2);
        for (Candidate c : p.candidates) {
            out.put(c.packet, c);
        }
        return out;
    }

    /** Forgets what follows the groups prepared so far (the engine restarted, or stopped foreseeing). */
    void reset() {
        following = new HashMap<>();
    }

    /**
     * The entry each packet would be: the one after an entry foreseen earlier (in this group or the
     * one before), or the next one of the feed whose DMX it carries.
     */
    private List<Candidate> foresee(List<byte[]> packets, Demux demux, FeedTable feeds) {
        List<Candidate> out = new ArrayList<>();
        Map<Long, Candidate> before = following;
        Map<Long, Candidate> after = new HashMap<>();
        for (byte[] packet : packets) {
            if (packet.length != Entries.PACKET_LENGTH) {
                continue;
            }
            long dmx = Dmx.key(packet, 0);
            // (looked up, not taken: a forged copy of an entry may come before the real one)
            Candidate c = after.get(dmx);
            if (c == null) {
                c = before.get(dmx);
            }
            if (c != null) {
                c = new Candidate(c.feed, c.key, c.seq, c.prev, packet);
            } else if (demux.target(packet) instanceof Demux.EntryTarget t && t.feed().replicable()
                    && feeds.key(t.feed()) != null) {
                FeedReplica f = t.feed();
                c = new Candidate(f.id, feeds.key(f), f.height() + 1, f.lastMessageId(), packet);
            } else {
                continue;
            }
            out.add(c);
            byte[] id = Entries.messageId(EntryName.of(c.feed, c.seq, c.prev), packet);
            after.put(Dmx.key(Entries.dmx(c.feed, c.seq + 1, id)), new Candidate(c.feed, c.key, c.seq + 1, id, null));
        }
        following = after;
        return out;
    }
}
