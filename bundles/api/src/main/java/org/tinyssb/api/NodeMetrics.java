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
 * @param packetsIn        packets received on every link since the node started, links gone since
 *                         included (a peer that reconnects is a new link, its counters start at 0)
 * @param packetsOut       packets handed to every link since the node started, links gone included
 */
public record NodeMetrics(long entriesPublished, long entriesIngested, long chunksIngested,
        Map<String, Long> droppedByReason, List<LinkMetrics> links, long packetsIn, long packetsOut) {
    public NodeMetrics {
        droppedByReason = Map.copyOf(droppedByReason);
        links = List.copyOf(links);
    }

    /** Counters where the attached links are all there were: the totals are theirs. */
    public NodeMetrics(long entriesPublished, long entriesIngested, long chunksIngested,
            Map<String, Long> droppedByReason, List<LinkMetrics> links) {
        this(entriesPublished, entriesIngested, chunksIngested, droppedByReason, links,
                links.stream().mapToLong(LinkMetrics::packetsIn).sum(),
                links.stream().mapToLong(LinkMetrics::packetsOut).sum());
    }

    /**
     * Counters of one link as the node sees it.
     *
     * @param linkId     the link's id
     * @param packetsIn  packets received from the link
     * @param packetsOut packets handed to the link for sending
     * @param dropped    received packets dropped (any reason)
     * @param sentByKind packets handed to the link by what they were for: {@code goset}, {@code want},
     *                   {@code chnk}, {@code by-id}, {@code beacon} (control traffic), {@code answer},
     *                   {@code push} (entries and chunks)
     * @param airtime    on a radio, its air time by the same kinds against its duty-cycle budget;
     *                   null on other links
     */
    public record LinkMetrics(String linkId, long packetsIn, long packetsOut, long dropped,
            Map<String, Long> sentByKind, Airtime airtime) {
        public LinkMetrics {
            sentByKind = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sentByKind)); // in kind order
        }

        /** Counters without the breakdown by kind (links that do not report it). */
        public LinkMetrics(String linkId, long packetsIn, long packetsOut, long dropped) {
            this(linkId, packetsIn, packetsOut, dropped, Map.of(), null);
        }
    }

    /**
     * A radio's air time.
     *
     * @param millisByKind     air time of the packets this node sent, by kind (see {@link LinkMetrics})
     * @param usedMillis       air time the duty-cycle budget counts in its current window (all packets)
     * @param budgetMillis     air time the duty cycle allows per window
     * @param windowMillis     the duty cycle's window
     */
    public record Airtime(Map<String, Double> millisByKind, double usedMillis, double budgetMillis,
            long windowMillis) {
        public Airtime {
            millisByKind = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(millisByKind));
        }

        /** Air time of the control packets (GOset, vectors, beacons) among {@link #millisByKind}. */
        public double controlMillis() {
            double ms = 0;
            for (String k : CONTROL_KINDS) {
                ms += millisByKind.getOrDefault(k, 0.0);
            }
            return ms;
        }
    }

    /** The kinds of packet that are control traffic. */
    public static final java.util.Set<String> CONTROL_KINDS = java.util.Set.of("goset", "want", "chnk", "by-id", "beacon");
}
