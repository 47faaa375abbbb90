package org.tinyssb.deploy;

import org.tinyssb.api.FeedId;

/**
 * One node's latest report on one deployment instruction, as the deploying node reads them from
 * the nodes' feeds ({@code ["DPS", ref, outcome, detail]}).
 *
 * @param instructionFeed the deployment feed
 * @param instructionSeq  the instruction's entry in it
 * @param action          {@code install}, {@code rollback} or {@code uninstall}
 * @param bsn             the bundle's symbolic name
 * @param version         the version it names
 * @param group           the group of nodes it is for, or null for every node
 * @param node            the reporting node; null in the one row of an instruction nobody has reported on yet
 * @param outcome         what the node reported ({@code installed}, {@code refused}, ...), or {@code no report yet}
 * @param detail          why, for a refusal
 * @since 1.1
 */
public record FleetReport(FeedId instructionFeed, long instructionSeq, String action, String bsn, String version,
        String group, FeedId node, String outcome, String detail) {
}
