package org.tinyssb.core.internal.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.Bipf;
import org.tinyssb.codec.BipfException;

/**
 * What one app has been handed of each feed: a cursor per feed (the next entry to look at) and the
 * entries passed over because their side chain was incomplete, handed over once they complete.
 * Each entry at most once (a feed deleted and fetched again is handed over again). Bounded: at most
 * {@value #MAX_PENDING} incomplete entries waited for (beyond, the oldest waits are given up and
 * counted). Not thread-safe: one app, one thread.
 */
final class AppDelivery {
    static final int MAX_PENDING = 4096;

    private final BiFunction<FeedId, Long, Optional<EntryContent>> reader;
    private final BiFunction<FeedId, Long, Optional<EntryContent>> start;
    private final BiConsumer<EntryContent, Object> app;
    private final Set<String> tags;
    private final Map<FeedId, Long> next = new HashMap<>();
    private final Map<FeedId, TreeSet<Long>> pending = new HashMap<>();
    /** The waits in the order they began: the oldest is given up first beyond the bound (each step O(1)). */
    private final java.util.ArrayDeque<Wait> waits = new java.util.ArrayDeque<>();
    private int pendingCount;
    private long delivered;
    private long givenUp;

    /**
     * @param reader reads an entry as the node holds it
     * @param start  reads the start of an entry's content only (its side chain left in the store)
     * @param app    hears each complete entry of the tags with its decoded content
     * @param tags   first elements of the BIPF lists the app hears; empty for every entry
     */
    AppDelivery(BiFunction<FeedId, Long, Optional<EntryContent>> reader,
            BiFunction<FeedId, Long, Optional<EntryContent>> start, BiConsumer<EntryContent, Object> app,
            Set<String> tags) {
        this.reader = reader;
        this.start = start;
        this.app = app;
        this.tags = Set.copyOf(tags);
    }

    /** Hands over what is new in {@code feed} up to {@code height}, and the waited-for entries that completed. */
    void scan(FeedId feed, long height) {
        TreeSet<Long> waiting = pending.get(feed);
        if (waiting != null) {
            for (Long seq : List.copyOf(waiting)) {
                Optional<EntryContent> c = reader.apply(feed, seq);
                if (c.isEmpty() || c.get().isComplete()) {
                    waiting.remove(seq);
                    pendingCount--;
                    c.ifPresent(this::deliver);
                }
            }
            if (waiting.isEmpty()) {
                pending.remove(feed);
            }
        }
        long seq = next.getOrDefault(feed, 1L);
        if (height < seq - 1) {
            // the feed was deleted (unfollowed) and is fetched again: what comes back is handed over again
            seq = 1;
            TreeSet<Long> dropped = pending.remove(feed);
            pendingCount -= dropped == null ? 0 : dropped.size();
        }
        for (; seq <= height; seq++) {
            if (!tags.isEmpty()) {
                Optional<EntryContent> head = start.apply(feed, seq);
                if (head.isEmpty()) {
                    break; // not held (unfollowed meanwhile): looked at again next time
                }
                if (!TagPeek.mayBeOneOf(head.get().available(), tags)) {
                    next.put(feed, seq + 1); // none of the app's: its side chain is never read
                    continue;
                }
            }
            Optional<EntryContent> c = reader.apply(feed, seq);
            if (c.isEmpty()) {
                break; // not held (unfollowed meanwhile): looked at again next time
            }
            next.put(feed, seq + 1); // before the app sees it: an app failing on it does not get it twice
            if (c.get().isComplete()) {
                deliver(c.get());
            } else {
                waitFor(feed, seq);
            }
        }
        next.put(feed, seq);
    }

    private void waitFor(FeedId feed, long seq) {
        pending.computeIfAbsent(feed, f -> new TreeSet<>()).add(seq);
        pendingCount++;
        waits.addLast(new Wait(feed, seq));
        while (pendingCount > MAX_PENDING) { // give up the oldest wait (completed ones are skipped)
            Wait w = waits.pollFirst();
            TreeSet<Long> set = pending.get(w.feed());
            if (set != null && set.remove(w.seq())) {
                if (set.isEmpty()) {
                    pending.remove(w.feed());
                }
                pendingCount--;
                givenUp++;
            }
        }
        if (waits.size() > 2 * MAX_PENDING) { // drop the waits that completed meanwhile
            waits.removeIf(x -> !pending.containsKey(x.feed()) || !pending.get(x.feed()).contains(x.seq()));
        }
    }

    /** An entry waited for, in the order the waits began. */
    private record Wait(FeedId feed, long seq) {
    }

    private void deliver(EntryContent c) {
        Object content;
        try {
            content = Bipf.decode(c.available());
        } catch (BipfException e) {
            return; // not BIPF: no app's content
        }
        if (!tags.isEmpty() && !(content instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String tag
                && tags.contains(tag))) {
            return;
        }
        delivered++;
        app.accept(c, content);
    }

    /** Entries handed over so far. */
    long delivered() {
        return delivered;
    }

    /** Incomplete entries waited for now. */
    int pending() {
        return pendingCount;
    }

    /** Incomplete entries given up beyond the bound. */
    long givenUp() {
        return givenUp;
    }
}
