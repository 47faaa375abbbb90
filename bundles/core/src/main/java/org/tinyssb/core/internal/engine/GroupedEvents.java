package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import org.tinyssb.api.FeedId;

/**
 * The engine's events while a group of writes is open: held back until the group is durable, so
 * that nothing is reported stored that a crash could still take away. Outside a group they pass
 * at once.
 */
final class GroupedEvents implements EngineEvents {
    private record Event(FeedId feed, long seq, boolean complete) {
    }

    private final EngineEvents target;
    private final List<Event> held = new ArrayList<>();
    private boolean grouping;

    GroupedEvents(EngineEvents target) {
        this.target = target;
    }

    void begin() {
        grouping = true;
    }

    /** The group is durable: what it held is reported, in order. */
    void release() {
        grouping = false;
        for (Event e : held) {
            if (e.complete()) {
                target.contentComplete(e.feed(), e.seq());
            } else {
                target.entryStored(e.feed(), e.seq());
            }
        }
        held.clear();
    }

    @Override
    public void entryStored(FeedId feed, long seq) {
        if (grouping) {
            held.add(new Event(feed, seq, false));
        } else {
            target.entryStored(feed, seq);
        }
    }

    @Override
    public void contentComplete(FeedId feed, long seq) {
        if (grouping) {
            held.add(new Event(feed, seq, true));
        } else {
            target.contentComplete(feed, seq);
        }
    }
}
