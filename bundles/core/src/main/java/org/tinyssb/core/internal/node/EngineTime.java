package org.tinyssb.core.internal.node;

import java.util.List;
import org.tinyssb.api.Neighbour;

/**
 * The engine keeps time on its scheduler's monotonic clock (it must not jump with the wall
 * clock); what the node service hands out says when in epoch milliseconds, as the API promises.
 */
final class EngineTime {
    private EngineTime() {
    }

    /** {@code neighbours} heard at engine times, told in epoch milliseconds. */
    static List<Neighbour> onWallClock(List<Neighbour> neighbours, long engineNowMillis, long wallNowMillis) {
        return neighbours.stream().map(n -> new Neighbour(n.id(), n.linkId(), n.heardBy(),
                wallNowMillis - (engineNowMillis - n.lastHeardMillis()), n.rssiDbm(), n.snrDb(), n.details())).toList();
    }
}
