package org.tinyssb.core.internal.engine;

import java.util.Arrays;
import java.util.List;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.Dmx;

/**
 * An immutable snapshot of the GOset: its sorted keys, its state (XOR of the keys) and the WANT and
 * CHNK DMX derived from the state. Vector indexes are read against the snapshot whose DMX the
 * vector carries, so a peer that is one GOset state behind is still understood.
 */
final class GoSetView {
    private final List<FeedId> keys;
    private final byte[] state;
    private final byte[] wantDmx;
    private final byte[] chunkDmx;

    GoSetView(List<FeedId> keys, byte[] state) {
        this.keys = List.copyOf(keys);
        this.state = state.clone();
        this.wantDmx = Dmx.want(state);
        this.chunkDmx = Dmx.chunk(state);
    }

    int size() {
        return keys.size();
    }

    FeedId key(int index) {
        return keys.get(index);
    }

    /** Index of {@code key} in the snapshot, or -1. */
    int indexOf(FeedId key) {
        int i = java.util.Collections.binarySearch(keys, key);
        return i >= 0 ? i : -1;
    }

    List<FeedId> keys() {
        return keys;
    }

    byte[] state() {
        return state.clone();
    }

    byte[] wantDmx() {
        return wantDmx;
    }

    byte[] chunkDmx() {
        return chunkDmx;
    }

    boolean sameState(GoSetView other) {
        return other != null && Arrays.equals(state, other.state);
    }
}
