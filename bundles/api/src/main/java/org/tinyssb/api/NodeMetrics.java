package org.tinyssb.api;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of the node's counters.
 *
 * @param entriesPublished entries this node appended to its own feeds
 * @param entriesIngested  entries received from peers, verified and stored
 * @param chunksIngested   side-chain chunks received from peers, verified and stored
 * @param droppedByReason  packets received and dropped, by reason (for example {@code bad-signature};
 *                         {@code unmatched} counts packets meant for other nodes)
 * @param links            per-link packet counters, one element per attached link
 */
public record NodeMetrics(long entriesPublished, long entriesIngested, long chunksIngested,
        Map<String, Long> droppedByReason, List<LinkMetrics> links) {
    public NodeMetrics {
        droppedByReason = Map.copyOf(droppedByReason);
        links = List.copyOf(links);
    }

    /**
     * Counters of one link as the node sees it.
     *
     * @param linkId     the link's id
     * @param packetsIn  packets received from the link
     * @param packetsOut packets handed to the link for sending
     * @param dropped    received packets dropped (any reason)
     */
    public record LinkMetrics(String linkId, long packetsIn, long packetsOut, long dropped) {
    }
}
