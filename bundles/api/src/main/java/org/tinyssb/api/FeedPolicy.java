package org.tinyssb.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides which feed ids this node accepts into its GOset when peers announce them. Register one
 * as a service to replace the node's configured policy (for example an allow-list or a
 * web-of-trust application).
 *
 * <p>Peers understand each other's WANT and CHNK vectors only when their GOsets agree, so a node
 * that refuses keys its peers hold stops replicating with those peers: refusing suits closed
 * networks. To stop receiving one feed without that effect, {@link NodeService#unfollow} it.
 */
@ConsumerType
@FunctionalInterface
public interface FeedPolicy {
    /** Whether to add {@code feed}, announced by a peer, to the GOset. Called on the node's thread: be quick. */
    boolean admit(FeedId feed);
}
