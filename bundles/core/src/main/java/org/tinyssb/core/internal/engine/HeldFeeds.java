package org.tinyssb.core.internal.engine;

import java.util.Iterator;
import java.util.TreeSet;
import org.tinyssb.api.FeedId;

/**
 * The feeds this node fills its GOset 1 claims with, sorted: its own feeds and those it holds
 * entries of. Keys that peers merely announce are not among them, so a key spreads through
 * GOsets only once someone holds a valid entry of it (spam stays on the link it came from).
 * Which of them a link claims is decided by {@link LinkGoSet}: the smallest ones, a rule both
 * sides of a link apply alike. Only the {@code cap} smallest can be claimed, so a change above
 * them changes no claim; {@link #version()} counts the changes that may.
 */
final class HeldFeeds implements Iterable<FeedId> {
    private final int cap;
    private final TreeSet<FeedId> keys = new TreeSet<>();
    /** The {@code cap}-th smallest key (null while there are fewer). */
    private FeedId bound;
    private long version;
    private GoSet smallest;
    private long smallestVersion = -1;

    HeldFeeds(int cap) {
        this.cap = cap;
    }

    /** Adds {@code id}; returns whether the smallest {@code cap} changed. */
    boolean add(FeedId id) {
        if (!keys.add(id)) {
            return false;
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
        return keys.contains(id);
    }

    int size() {
        return keys.size();
    }

    /** Counts the changes among the smallest {@code cap} keys. */
    long version() {
        return version;
    }

    /** Smallest first. */
    @Override
    public Iterator<FeedId> iterator() {
        return keys.iterator();
    }

    /** The set a link claims while it has learnt nothing of its peer: the {@code cap} smallest. */
    GoSet smallest() {
        if (smallestVersion != version) {
            GoSet s = new GoSet(cap);
            for (FeedId id : keys) {
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
