package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.Link;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.GoSetMessage;
import org.tinyssb.codec.GoSetMessage.Claim;

/**
 * The GOset side of the reference pub (simplepub's goset.py) as {@code shared/protocol} §4 and §10
 * describe it, with its defects: it holds at most 100 keys; from a claim it learns the two end
 * keys (and the middle one when it knows the range as exactly the two neighbours and the claim
 * counts 3), otherwise the claim waits as pending; every 15 s it claims its whole set, then asks
 * once and helps three times (a range it holds as many keys of as the claim counts it asks for
 * and helps with). Helping drops the two end keys of its range and claims the halves
 * of the rest; with one key or none left it calls a novelty builder that is commented out, and
 * with 15 or more claims pending after a round it calls {@code list.removeLast()}: both raise, and
 * the connection's GOset task ends for good. Novelties add their key at once.
 */
final class ReferenceGoSetPeer {
    static final int CAP = 100;
    static final long ROUND_MILLIS = 15_000;
    private static final int ASKS = 1;
    private static final int HELPS = 3;
    private static final int PENDING_FATAL = 15;

    private final NavigableSet<FeedId> keys = new TreeSet<>();
    private final List<Claim> pending = new ArrayList<>();
    private final VirtualScheduler scheduler;
    private Link link;
    private String crash;
    long rounds;

    /** A pub holding {@code initial}: loaded from its data folder, as many as there are (the cap counts only keys it learns). */
    ReferenceGoSetPeer(VirtualScheduler scheduler, List<FeedId> initial) {
        this.scheduler = scheduler;
        keys.addAll(initial);
    }

    /** Starts the GOset task on {@code end} (one end of a simulated link). */
    void attach(Link end) {
        this.link = end;
        end.attach((from, packet) -> receive(packet));
        scheduler.schedule(0, this::round);
    }

    NavigableSet<FeedId> keys() {
        return keys;
    }

    /** Why the GOset task ended, or null while it runs. */
    String crash() {
        return crash;
    }

    private void add(FeedId key) {
        if (keys.size() < CAP) {
            keys.add(key);
        }
    }

    private void receive(byte[] packet) {
        if (crash != null || packet.length < 8) {
            return;
        }
        GoSetMessage m;
        try {
            m = GoSetMessage.decode(packet);
        } catch (CodecException e) {
            return; // not a GOset packet (vectors, entries): this model plays only the GOset
        }
        if (m instanceof GoSetMessage.Novelty n) {
            add(n.key());
        } else if (m instanceof Claim c) {
            List<FeedId> range = range(c.lo(), c.hi());
            if (range.size() == 2 && range.get(0).equals(c.lo()) && range.get(1).equals(c.hi()) && c.count() == 3) {
                byte[] middle = c.xor();
                GoSetMessage.xorInto(middle, c.lo());
                GoSetMessage.xorInto(middle, c.hi());
                add(FeedId.of(middle));
                return;
            }
            add(c.lo());
            add(c.hi());
            pending.add(c);
        }
    }

    private List<FeedId> range(FeedId lo, FeedId hi) {
        return lo.compareTo(hi) > 0 ? List.of() : new ArrayList<>(keys.subSet(lo, true, hi, true));
    }

    private static Claim claim(List<FeedId> keys) {
        byte[] xor = new byte[FeedId.LENGTH];
        keys.forEach(k -> GoSetMessage.xorInto(xor, k));
        return new Claim(keys.get(0), keys.get(keys.size() - 1), xor, keys.size());
    }

    private void round() {
        if (crash != null) {
            return;
        }
        rounds++;
        if (!keys.isEmpty()) {
            link.send(claim(new ArrayList<>(keys)).encode());
        }
        int asks = ASKS;
        int helps = HELPS;
        List<Claim> keep = new ArrayList<>();
        for (Claim c : pending) {
            List<FeedId> mine = range(c.lo(), c.hi());
            if (!mine.isEmpty() && claim(mine).xorEquals(c.xor())) {
                continue; // settled
            }
            if (mine.size() <= c.count()) {
                if (asks > 0 && !mine.isEmpty()) {
                    asks--;
                    link.send(new Claim(c.lo(), c.hi(), claim(mine).xor(), mine.size()).encode());
                }
                if (mine.size() < c.count()) {
                    keep.add(c);
                    continue;
                }
                // as many keys as the claim counts, another xor: goset.py goes on to help as well
            }
            if (helps > 0) {
                helps--;
                List<FeedId> inner = mine.subList(1, mine.size() - 1);
                if (inner.size() <= 1) {
                    crash = "helped on a range holding " + mine.size() + " of its keys against a claim counting "
                            + c.count() + " (the novelty builder it calls is commented out)";
                    return;
                }
                int half = inner.size() / 2;
                link.send(claim(inner.subList(0, half)).encode());
                link.send(claim(inner.subList(half, inner.size())).encode());
            } else {
                keep.add(c);
            }
        }
        pending.clear();
        pending.addAll(keep);
        if (pending.size() >= PENDING_FATAL) {
            crash = pending.size() + " claims pending after a round (list.removeLast)";
            return;
        }
        scheduler.schedule(ROUND_MILLIS, this::round);
    }
}
