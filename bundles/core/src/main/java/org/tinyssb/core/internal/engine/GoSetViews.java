package org.tinyssb.core.internal.engine;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The GOset states whose WANT and CHNK vectors this node understands: each link's current set and
 * its last {@code history} ones (a peer one state behind is still understood). Links whose sets
 * are equal share one view, armed once in the demultiplexer and disarmed when no link keeps it.
 */
final class GoSetViews {
    private final Demux demux;
    private final int history;
    private final Map<ByteBuffer, Armed> armed = new HashMap<>();

    private static final class Armed {
        final GoSetView view;
        int users;

        Armed(GoSetView view) {
            this.view = view;
        }
    }

    /** The views one link keeps armed, oldest first. */
    static final class Kept {
        private final Deque<GoSetView> views = new ArrayDeque<>();

        GoSetView current() {
            return views.peekLast();
        }
    }

    GoSetViews(Demux demux, int history) {
        this.demux = demux;
        this.history = history;
    }

    /**
     * {@code view} is the current set of a link that keeps {@code kept}: returns the view armed
     * for its state (the one other links share, if any), the link's oldest view giving way.
     */
    GoSetView use(Kept kept, GoSetView view) {
        GoSetView current = kept.current();
        if (current != null && current.sameState(view)) {
            return current;
        }
        Armed a = armed.computeIfAbsent(key(view), k -> {
            demux.arm(view.wantDmx(), new Demux.WantTarget(view));
            demux.arm(view.chunkDmx(), new Demux.ChunkVectorTarget(view));
            return new Armed(view);
        });
        a.users++;
        kept.views.addLast(a.view);
        while (kept.views.size() > history) {
            release(kept.views.removeFirst());
        }
        return a.view;
    }

    /** A link is gone: the views only it kept are disarmed. */
    void forget(Kept kept) {
        while (!kept.views.isEmpty()) {
            release(kept.views.removeFirst());
        }
    }

    /** States armed now (for tests and diagnostics). */
    int armedCount() {
        return armed.size();
    }

    private void release(GoSetView view) {
        ByteBuffer k = key(view);
        Armed a = armed.get(k);
        if (a != null && --a.users == 0) {
            armed.remove(k);
            demux.disarm(a.view.wantDmx(), new Demux.WantTarget(a.view));
            demux.disarm(a.view.chunkDmx(), new Demux.ChunkVectorTarget(a.view));
        }
    }

    private static ByteBuffer key(GoSetView view) {
        return ByteBuffer.wrap(view.state());
    }
}
