package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.GoSetMessage;
import org.tinyssb.codec.GoSetMessage.Claim;

/**
 * The grow-only set of feed ids, sorted by unsigned byte order so that feeds are named by their
 * index, with its state (XOR of all keys) kept up to date as keys are added.
 */
final class GoSet {
    private static final FeedId ZERO = FeedId.of(new byte[FeedId.LENGTH]);
    private final List<FeedId> keys = new ArrayList<>();
    private final byte[] state = new byte[FeedId.LENGTH];
    private final int cap;
    private GoSetView view;

    GoSet(int cap) {
        this.cap = cap;
    }

    int size() {
        return keys.size();
    }

    boolean isFull() {
        return keys.size() >= cap;
    }

    /** Index of {@code key}, or a negative number if absent. */
    int indexOf(FeedId key) {
        int i = Collections.binarySearch(keys, key);
        return i >= 0 ? i : -1;
    }

    boolean contains(FeedId key) {
        return indexOf(key) >= 0;
    }

    FeedId key(int index) {
        return keys.get(index);
    }

    /** Whether {@code key} is the all-zero key, which no set holds. */
    static boolean isZero(FeedId key) {
        return key.equals(ZERO);
    }

    /**
     * Adds {@code key} unless present, the all-zero key, or the set is full.
     *
     * @return whether the set changed
     */
    boolean add(FeedId key) {
        if (key.equals(ZERO) || isFull()) {
            return false;
        }
        int i = Collections.binarySearch(keys, key);
        if (i >= 0) {
            return false;
        }
        keys.add(-i - 1, key);
        GoSetMessage.xorInto(state, key);
        view = null;
        return true;
    }

    /** Removes {@code key} if present; returns whether the set changed. */
    boolean remove(FeedId key) {
        int i = Collections.binarySearch(keys, key);
        if (i < 0) {
            return false;
        }
        keys.remove(i);
        GoSetMessage.xorInto(state, key);
        view = null;
        return true;
    }

    /** The keys, smallest first (a view: not to be changed). */
    List<FeedId> keys() {
        return Collections.unmodifiableList(keys);
    }

    /** The claim about keys {@code lo..hi} (indexes, inclusive). */
    Claim claim(int lo, int hi) {
        byte[] xor = new byte[FeedId.LENGTH];
        for (int i = lo; i <= hi; i++) {
            GoSetMessage.xorInto(xor, keys.get(i));
        }
        return new Claim(keys.get(lo), keys.get(hi), xor, hi - lo + 1);
    }

    /** The claim about the whole set (only for a non-empty set). */
    Claim fullClaim() {
        return new Claim(keys.get(0), keys.get(keys.size() - 1), state, keys.size());
    }

    /** The current snapshot (made once per state). */
    GoSetView view() {
        if (view == null) {
            view = new GoSetView(keys, state);
        }
        return view;
    }
}
