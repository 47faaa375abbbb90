package org.tinyssb.core.internal.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tinyssb.api.FeedId;

/**
 * Which neighbours on one radio hold entries this node lacks, told apart by what they hold as far
 * as their WANTs show it: a LoRa frame names no sender, but each WANT heard says which feeds its
 * sender is ahead on, and the feeds one WANT shows ahead belong to one neighbour. A later WANT that
 * shows any of them ahead replaces that neighbour's set. In a line the two sides make two sets, at
 * a star's hub each leaf makes one, a leaf sees only the hub. (With a GOset larger than one WANT
 * covers, one neighbour's WANTs over different parts of it may count as two neighbours: then it is
 * asked half as often, nothing worse.)
 *
 * <p>Bounded whatever peers send: at most {@link #MAX_NEIGHBOURS} sets of at most
 * {@link #MAX_FEEDS} feeds, each forgotten {@link #MEMORY_MILLIS} after it was last heard.
 */
final class NeighboursAhead {
    static final int MAX_NEIGHBOURS = 16;
    static final int MAX_FEEDS = 64;
    /**
     * How long a neighbour's set is remembered without being heard again: an hour, the duty
     * cycle's window. A neighbour that caught up sends WANTs that show nothing ahead, so its set
     * is not renewed; forgetting it sooner would make a node between two neighbours think it has
     * one only (and answer with the larger credit) whenever one side is in sync.
     */
    static final long MEMORY_MILLIS = 3_600_000;

    private record Neighbour(Set<FeedId> feeds, long heardAt) {
    }

    private final ArrayDeque<Neighbour> neighbours = new ArrayDeque<>();

    /** A WANT heard at {@code now} showed its sender ahead on {@code feeds} (nothing if empty). */
    void heard(Collection<FeedId> feeds, long now) {
        if (feeds.isEmpty()) {
            return;
        }
        Set<FeedId> set = new LinkedHashSet<>();
        for (FeedId f : feeds) {
            if (set.size() == MAX_FEEDS) {
                break;
            }
            set.add(f);
        }
        neighbours.removeIf(n -> !Collections.disjoint(n.feeds(), set));
        neighbours.addLast(new Neighbour(set, now));
        while (neighbours.size() > MAX_NEIGHBOURS) {
            neighbours.removeFirst();
        }
    }

    /** The feed sets of the neighbours heard within the memory, oldest first. */
    List<Set<FeedId>> sets(long now) {
        forgetOld(now);
        List<Set<FeedId>> out = new ArrayList<>(neighbours.size());
        for (Neighbour n : neighbours) {
            out.add(Collections.unmodifiableSet(n.feeds()));
        }
        return out;
    }

    /** How many neighbours were heard ahead within the memory (asked for every vector answered: no copies). */
    int count(long now) {
        forgetOld(now);
        return neighbours.size();
    }

    private void forgetOld(long now) {
        for (Iterator<Neighbour> it = neighbours.iterator(); it.hasNext();) {
            if (now - it.next().heardAt() > MEMORY_MILLIS) {
                it.remove();
            }
        }
    }
}
