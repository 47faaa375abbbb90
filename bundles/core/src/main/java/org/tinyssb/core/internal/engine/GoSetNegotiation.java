package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.GoSetMessage.Claim;
import org.tinyssb.codec.GoSetMessage.Novelty;

/**
 * How two peers come to hold the same GOset, as the reference pub does it: each round a node
 * claims its whole set, then works through the claims it heard that differ from its own view of
 * the same range: where it holds fewer keys it asks (claims its part of the range), where it
 * holds more it helps. Helping sends the keys inside the range as novelties when the budget
 * allows (the peer adds them at once), otherwise claims for the two halves of the range, so that
 * peers narrow the difference down round by round.
 */
final class GoSetNegotiation {
    /** Claims heard from one peer and not yet settled. */
    static final class PendingClaims {
        /** Bound of the reference (MAX_PENDING - 5): old claims give way to new ones. */
        static final int MAX = 15;
        private final List<Claim> claims = new ArrayList<>();

        void add(Claim c) {
            for (Claim p : claims) {
                if (p.count() == c.count() && p.xorEquals(c.xor())) {
                    return;
                }
            }
            claims.add(c);
            while (claims.size() > MAX) {
                claims.remove(0);
            }
        }

        int size() {
            return claims.size();
        }
    }

    /** Where newly learnt keys go: policy, cap and activation of the feed. */
    @FunctionalInterface
    interface KeyAdmission {
        /** Offers a key; returns whether the set grew. */
        boolean offer(FeedId key);
    }

    private GoSetNegotiation() {
    }

    /** A claim heard: learn its ends (or the missing middle key), remember it for the next round. */
    static void onClaim(GoSet set, Claim claim, PendingClaims pending, KeyAdmission admission) {
        int lo = set.indexOf(claim.lo());
        int hi = set.indexOf(claim.hi());
        if (lo >= 0 && hi >= 0 && hi - lo == 1 && claim.count() == 3) {
            byte[] middle = claim.xor();
            org.tinyssb.codec.GoSetMessage.xorInto(middle, claim.lo());
            org.tinyssb.codec.GoSetMessage.xorInto(middle, claim.hi());
            admission.offer(FeedId.of(middle));
            return;
        }
        admission.offer(claim.lo());
        admission.offer(claim.hi());
        pending.add(claim);
    }

    /** Whether this node's set differs from {@code claim} over the claim's range. */
    static boolean differs(GoSet set, Claim claim) {
        int lo = set.indexOf(claim.lo());
        int hi = set.indexOf(claim.hi());
        return lo >= 0 && hi >= 0 && lo <= hi && !set.claim(lo, hi).xorEquals(claim.xor());
    }

    /**
     * The packets of one round towards one peer: the claim of the whole set, then asks and helps
     * for the pending claims (smallest ranges first). Settled claims are dropped.
     */
    static List<byte[]> round(GoSet set, PendingClaims pending, int asks, int helpPackets) {
        List<byte[]> out = new ArrayList<>();
        if (set.size() == 0) {
            return out;
        }
        out.add(set.fullClaim().encode());
        pending.claims.sort(Comparator.comparingInt(Claim::count));
        List<Claim> retain = new ArrayList<>();
        int helps = helpPackets;
        for (Claim c : pending.claims) {
            int lo = set.indexOf(c.lo());
            int hi = set.indexOf(c.hi());
            if (lo < 0 || hi < 0 || lo > hi) {
                continue; // the ends were refused (policy, cap): nothing to settle
            }
            Claim ours = set.claim(lo, hi);
            if (ours.xorEquals(c.xor())) {
                continue; // settled
            }
            if (ours.count() <= c.count()) {
                if (asks > 0) {
                    asks--;
                    out.add(ours.encode());
                }
                if (ours.count() < c.count()) {
                    retain.add(c);
                    continue;
                }
            }
            if (helps > 0) {
                helps -= help(set, lo, hi, helps, out);
                continue;
            }
            retain.add(c);
        }
        pending.claims.clear();
        pending.claims.addAll(retain);
        return out;
    }

    /** Helps with range lo..hi, whose ends the peer holds; returns the packets spent. */
    private static int help(GoSet set, int lo, int hi, int budget, List<byte[]> out) {
        int first = lo + 1;
        int last = hi - 1;
        int inner = last - first + 1;
        if (inner <= 0) {
            out.add(new Novelty(set.key(Math.min(first, hi))).encode());
            return 1;
        }
        if (inner <= budget) {
            for (int i = first; i <= last; i++) {
                out.add(new Novelty(set.key(i)).encode());
            }
            return inner;
        }
        if (inner <= 3 || budget < 2) {
            out.add(set.claim(first, last).encode());
            return 1;
        }
        int half = inner / 2;
        out.add(set.claim(first, first + half - 1).encode());
        out.add(set.claim(first + half, last).encode());
        return 2;
    }
}
