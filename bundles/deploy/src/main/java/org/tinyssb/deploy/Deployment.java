package org.tinyssb.deploy;

import org.tinyssb.api.FeedId;

/**
 * What became of one deployment instruction on this node.
 *
 * @param feed    the deployment feed
 * @param seq     the instruction's entry in it
 * @param action  {@code install} (also update) or {@code uninstall}
 * @param bsn     the bundle's symbolic name
 * @param version the version it names
 * @param outcome {@code installed}, {@code updated}, {@code rolled back}, {@code uninstalled}, {@code unchanged},
 *                {@code refused}, or {@code skipped} (for a group this node is not in; since 1.1)
 * @param detail  why, for a refusal; empty otherwise
 */
public record Deployment(FeedId feed, long seq, String action, String bsn, String version, String outcome,
        String detail) {
}
