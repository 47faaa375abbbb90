package org.tinyssb.core.internal.engine;

import java.util.Iterator;
import java.util.TreeSet;
import org.tinyssb.api.FeedId;

/**
 * The feeds this node fills its GOset 1 claims with, sorted: those it holds entries of, and its
 * own feeds that have none yet, which take a place only where room is left (they offer a peer
 * nothing). Keys that peers merely announce are not among them, so a key spreads through GOsets
 * only once someone holds a valid entry of it (spam stays on the link it came from). Which of them
 * a link claims is decided by {@link LinkGoSet}: the smallest ones, a rule both sides of a link
 * apply alike. Only the {@code cap} smallest can be claimed, so a change above them changes no
 * claim; {@link #version()} counts the changes that may.
 */
final class HeldFeeds implements Iterable<FeedId> {
    private final int cap;
    private final TreeSet<FeedId> keys = new TreeSet<>();
    /** This node's own feeds without an entry yet. */
    private final TreeSet<FeedId> empty = new TreeSet<>();
    /** The {@code cap}-th smallest key (null while there are fewer). */
    private FeedId bound;
    private long version;
    private GoSet smallest;
    private long smallestVersion = -1;

    HeldFeeds(int cap) {
        this.cap = cap;
    }

    /** An own feed without entries: it fills what room is left. Returns whether a claim may change. */
    boolean addEmpty(FeedId id) {
        if (keys.contains(id) || !empty.add(id)) {
            return false;
        }
        version++;
        return true;
    }

    /** Adds {@code id}, a feed with entries; returns whether the smallest {@code cap} changed. */
    boolean add(FeedId id) {
        boolean wasEmpty = empty.remove(id);
        if (!keys.add(id)) {
            return false;
        }
        if (wasEmpty) {
            version++; // (it leaves the empty ones even when it does not enter the smallest)
        }
        if (keys.size() <= cap) {
            bound = keys.size() == cap ? keys.last() : null;
        } else if (id.compareTo(bound) < 0) {
            bound = keys.lower(bound);
        } else {
            return false;
        }
        version++;
        return true;
    }

    /** Removes {@code id}; returns whether the smallest {@code cap} changed. */
    boolean remove(FeedId id) {
        if (empty.remove(id)) {
            version++;
            return true;
        }
        if (!keys.remove(id)) {
            return false;
        }
        if (bound != null && id.compareTo(bound) > 0) {
            return false;
        }
        // the cap-th smallest moves one key up (the old bound may be the key removed)
        bound = keys.size() < cap ? null : keys.higher(bound);
        version++;
        return true;
    }

    boolean contains(FeedId id) {
        return keys.contains(id) || empty.contains(id);
    }

    int size() {
        return keys.size() + empty.size();
    }

    /** Counts the changes among the smallest {@code cap} keys. */
    long version() {
        return version;
    }

    /** The feeds with entries, smallest first, then the own feeds without. */
    @Override
    public Iterator<FeedId> iterator() {
        Iterator<FeedId> first = keys.iterator();
        Iterator<FeedId> then = empty.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return first.hasNext() || then.hasNext();
            }

            @Override
            public FeedId next() {
                return first.hasNext() ? first.next() : then.next();
            }
        };
    }

    /** The set a link claims while it has learnt nothing of its peer: the {@code cap} smallest. */
    GoSet smallest() {
        if (smallestVersion != version) {
            GoSet s = new GoSet(cap);
            for (FeedId id : this) {
                if (s.isFull()) {
                    break;
                }
                s.add(id);
            }
            smallest = s;
            smallestVersion = version;
        }
        return smallest;
    }
}
