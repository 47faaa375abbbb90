package org.tinyssb.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The Ed25519 identities whose private keys this node holds. The node's own identity is created
 * on first start and kept in the node's key store; further local identities (for example one per
 * application or person using the node) can be created. Private keys never leave the provider.
 *
 * <p>The service is registered with the property {@value #NODE_ID_PROPERTY}: the node's feed id
 * as 64 hex digits, so that tools outside the framework (the launcher) can show it.
 */
@ProviderType
public interface IdentityService {
    /** Service property holding the node's own feed id in hex. */
    String NODE_ID_PROPERTY = "tinyssb.node.id";

    /** The node's own feed id. */
    FeedId nodeId();

    /** Every local identity, the node's own first. */
    List<FeedId> identities();

    /** Creates and stores a new local identity. */
    FeedId createIdentity();

    /**
     * Gives the node a new identity of its own; the previous one stays a local identity. The way
     * out for a node whose own feed is ahead of its store with no peer holding the missing
     * entries: appending to the old feed would fork it, a new feed starts clean.
     *
     * @return the node's new feed id (from now on {@link #nodeId()})
     */
    FeedId renewNodeIdentity();

    /** Whether this node holds the private key of {@code feed}. */
    boolean isLocal(FeedId feed);

    /**
     * X25519 of local identity {@code local}'s key, converted to Curve25519 as libsodium converts
     * Ed25519 keys, and {@code curve25519Public}: how an application opens what was encrypted to
     * that identity (private messages) while the key stays here (since 2.4).
     *
     * @return the 32-byte shared secret; empty if {@code local} is not a local identity or the
     *         other key is of low order
     */
    Optional<byte[]> curve25519Agreement(FeedId local, byte[] curve25519Public);
}
