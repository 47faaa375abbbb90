package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tinyssb.codec.FeedPages;

/**
 * The holding side of feed pages ({@link FeedPages}): every feed this node holds entries of, in
 * the order of its last change. Each time a feed grows it takes the next change tick and moves to
 * the end, so a peer that walks the pages from the newest change backwards meets every feed once,
 * news first, and a peer that asks for what changed after a tick gets only that.
 *
 * <p>Cost per feed: its tick, kept in its {@link FeedReplica}, and one slot in two arrays (a tick
 * and a reference); a feed that moves leaves an empty slot behind, and the arrays are compacted
 * once half of them is empty. Finding a page is a binary search; the work of a page is its rows.
 * The epoch is drawn at start: ticks are numbered anew at every start (the store keeps no order of
 * changes), and a peer that asks under another epoch starts its walk over.
 */
final class FeedDirectory {
    /** Most pages one request is answered with. */
    static final int MAX_PAGES = FeedPages.MAX_PAGES;

    private long epoch = 1;
    private long top;
    private long[] ticks = new long[64];
    private FeedReplica[] feeds = new FeedReplica[64];
    private int size;
    private int live;

    /** Sets the epoch (non-zero, unsigned 32 bits), before any feed is listed. */
    void epoch(long epoch) {
        if (epoch < 1 || epoch > 0xFFFF_FFFFL || top != 0) {
            throw new IllegalArgumentException("epoch " + epoch + (top != 0 ? " after feeds were listed" : ""));
        }
        this.epoch = epoch;
    }

    long epoch() {
        return epoch;
    }

    /** The tick of the latest change (0: none yet). */
    long top() {
        return top;
    }

    /** Feeds listed. */
    int size() {
        return live;
    }

    /**
     * {@code f} grew (or is listed for the first time): it takes the next tick. A feed that holds
     * nothing is not listed.
     */
    void changed(FeedReplica f) {
        if (f.height() < 1) {
            return;
        }
        remove(f);
        if (top == 0xFFFF_FFFFL) {
            throw new IllegalStateException("change ticks exhausted in this epoch"); // 4 billion changes: restart
        }
        if (size == ticks.length) {
            if (live <= size / 2) {
                compact();
            } else {
                ticks = Arrays.copyOf(ticks, size * 2);
                feeds = Arrays.copyOf(feeds, size * 2);
            }
        }
        top++;
        ticks[size] = top;
        feeds[size] = f;
        size++;
        live++;
        f.tick = top;
    }

    /** {@code f} is no longer held (unfollowed, replaced by a fresh replica): not listed any more. */
    void remove(FeedReplica f) {
        if (f.tick == 0) {
            return;
        }
        int i = Arrays.binarySearch(ticks, 0, size, f.tick);
        if (i >= 0 && feeds[i] == f) {
            feeds[i] = null;
            live--;
        }
        f.tick = 0;
    }

    private void compact() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (feeds[i] != null) {
                ticks[n] = ticks[i];
                feeds[n] = feeds[i];
                n++;
            }
        }
        Arrays.fill(feeds, n, size, null);
        size = n;
    }

    /**
     * The answer to {@code request}: up to {@code maxPages} pages from its cursor in its order, or
     * this node's epoch if the request names another one. Rows of feeds that stopped being
     * replicable are left out.
     */
    List<FeedPages.Answer> answer(FeedPages.Request request, int maxPages) {
        if (request.epoch() != epoch) {
            return List.of(new FeedPages.Epoch(epoch, top));
        }
        boolean older = request.order() == FeedPages.Order.OLDER;
        int pages = Math.min(request.pages(), maxPages);
        // older: the slots below the cursor, from the highest down; newer: those above it, upwards
        int at = Arrays.binarySearch(ticks, 0, size, request.cursor());
        at = at >= 0 ? (older ? at - 1 : at + 1) : (older ? -at - 2 : -at - 1);
        int step = older ? -1 : 1;
        List<FeedPages.Answer> out = new ArrayList<>(pages);
        long cursor = request.cursor();
        while (out.size() < pages) {
            List<FeedPages.Row> rows = new ArrayList<>(FeedPages.MAX_ROWS);
            while (rows.size() < FeedPages.MAX_ROWS && at >= 0 && at < size) {
                FeedReplica f = feeds[at];
                if (f != null && f.replicable() && f.height() > 0) {
                    rows.add(new FeedPages.Row(f.id, Math.min(f.height(), Integer.MAX_VALUE)));
                    cursor = ticks[at];
                }
                at += step;
            }
            boolean end = at < 0 || at >= size;
            out.add(new FeedPages.Page(request.order(), end, out.size() == pages - 1, cursor, rows));
            if (end) {
                break;
            }
        }
        return out;
    }
}
