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
 *
 * <p>Safe towards the reference pub ({@code shared/protocol} §10), whose GOset task ends for good
 * when a claim makes it help on a range where it holds 3 keys against our 2, or when 15 claims wait
 * in its list after a round: with {@code referenceSafe} (stream links, where pubs are) a claim of
 * two keys goes out as two novelties instead (unless the peer's own claim told us it holds more
 * than 3 there), and the claims of a round are capped by the caller's budget (novelties are not:
 * they never wait in a list). Radio links keep the plain rules: their peers are ESP32 boards and
 * nodes, and every extra frame costs airtime.
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
        if (offerMiddle(set, claim, admission)) {
            return;
        }
        admission.offer(claim.lo());
        admission.offer(claim.hi());
        pending.add(claim);
    }

    /**
     * A claim of 3 keys over a range this node knows as exactly its two ends: the third is
     * {@code xor ^ lo ^ hi}, offered at once. False if the claim is not of that kind.
     */
    private static boolean offerMiddle(GoSet set, Claim claim, KeyAdmission admission) {
        int lo = set.indexOf(claim.lo());
        int hi = set.indexOf(claim.hi());
        if (lo < 0 || hi < 0 || hi - lo != 1 || claim.count() != 3) {
            return false;
        }
        byte[] middle = claim.xor();
        org.tinyssb.codec.GoSetMessage.xorInto(middle, claim.lo());
        org.tinyssb.codec.GoSetMessage.xorInto(middle, claim.hi());
        admission.offer(FeedId.of(middle));
        return true;
    }

    /**
     * Pending claims that became answerable by the middle-key rule since they were heard (their
     * ends arrived later): their third key is offered now, so that no ask is spent on them (an
     * ask of 2 keys against 3 is what the reference pub cannot take).
     */
    static void learnMiddleKeys(GoSet set, PendingClaims pending, KeyAdmission admission) {
        pending.claims.removeIf(c -> offerMiddle(set, c, admission));
    }

    /**
     * Drops the pending claims that are settled (the ranges agree, or their ends were refused)
     * and returns whether any is left to work on.
     */
    static boolean unsettled(GoSet set, PendingClaims pending) {
        pending.claims.removeIf(c -> {
            int lo = set.indexOf(c.lo());
            int hi = set.indexOf(c.hi());
            return lo < 0 || hi < 0 || lo > hi || set.claim(lo, hi).xorEquals(c.xor());
        });
        return !pending.claims.isEmpty();
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
    static List<byte[]> round(GoSet set, PendingClaims pending, int asks, int helpPackets, int claimBudget,
            boolean referenceSafe) {
        Packets out = new Packets(claimBudget, referenceSafe);
        if (set.size() == 0) {
            return out.packets;
        }
        out.claim(set.fullClaim(), set, 0);
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
                if (asks > 0 && out.claim(ours, set, c.count())) {
                    asks--; // an ask that had to go as novelties asks for nothing: the next claim gets it
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
        return out.packets;
    }

    /** The packets of a round, its claims within a budget. */
    private static final class Packets {
        final List<byte[]> packets = new ArrayList<>();
        private final boolean referenceSafe;
        private int claimsLeft;

        Packets(int claimBudget, boolean referenceSafe) {
            this.claimsLeft = referenceSafe ? claimBudget : Integer.MAX_VALUE;
            this.referenceSafe = referenceSafe;
        }

        void novelty(FeedId key) {
            packets.add(new Novelty(key).encode());
        }

        /**
         * {@code c}, a claim over keys of {@code set}; {@code peerCount} is what the peer claimed
         * over the same range (0: not known). The reference helps on a claim whose range it holds
         * as many keys of as the claim counts, or more, and its help fails for good when that is 3
         * keys or fewer: a claim of at most 3 keys goes as novelties unless the peer holds more than
         * 3 there (it then helps on 2 or more inner keys); claims beyond the budget wait.
         *
         * @return whether it went as a claim
         */
        boolean claim(Claim c, GoSet set, int peerCount) {
            if (referenceSafe && c.count() <= 3 && peerCount <= 3) {
                int lo = set.indexOf(c.lo());
                for (int i = lo; i < lo + c.count(); i++) {
                    novelty(set.key(i));
                }
            } else if (claimsLeft > 0) {
                claimsLeft--;
                packets.add(c.encode());
                return true;
            }
            return false;
        }

        int size() {
            return packets.size();
        }
    }

    /** Helps with range lo..hi, whose ends the peer holds; returns the packets spent. */
    private static int help(GoSet set, int lo, int hi, int budget, Packets out) {
        int first = lo + 1;
        int last = hi - 1;
        int inner = last - first + 1;
        int before = out.size();
        if (inner <= 0) {
            out.novelty(set.key(Math.min(first, hi)));
        } else if (inner <= budget) {
            for (int i = first; i <= last; i++) {
                out.novelty(set.key(i));
            }
        } else if (inner <= 3 || budget < 2) {
            out.claim(set.claim(first, last), set, 0);
        } else {
            int half = inner / 2;
            out.claim(set.claim(first, first + half - 1), set, 0);
            out.claim(set.claim(first + half, last), set, 0);
        }
        return Math.max(1, out.size() - before);
    }
}
