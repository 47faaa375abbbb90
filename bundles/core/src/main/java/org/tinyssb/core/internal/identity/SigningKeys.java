package org.tinyssb.core.internal.identity;

import java.util.Optional;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.SigningKey;

/**
 * Access to the private keys of local identities, for the node service's publishing. A service
 * interface in a private package: only components of the core bundle can see it.
 */
public interface SigningKeys {
    /** The key of a local identity, or empty if this node does not hold it. */
    Optional<SigningKey> signingKey(FeedId feed);
}
