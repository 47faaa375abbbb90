package org.tinyssb.codec;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.tinyssb.api.FeedId;

/**
 * The Ed25519 public key of a feed, decoded once so that verifying many entries of the same feed
 * does not decode the point again. Thread-safe.
 */
public final class VerifyingKey {
    private final FeedId feedId;
    private final Ed25519PublicKeyParameters publicKey;

    private VerifyingKey(FeedId feedId, Ed25519PublicKeyParameters publicKey) {
        this.feedId = feedId;
        this.publicKey = publicKey;
    }

    /**
     * The verifying key of {@code feedId}.
     *
     * @throws IllegalArgumentException if the 32 bytes are not a valid Ed25519 point
     */
    public static VerifyingKey of(FeedId feedId) {
        try {
            return new VerifyingKey(feedId, new Ed25519PublicKeyParameters(feedId.toBytes(), 0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("feed id " + feedId.shortId()
                    + " is not a valid Ed25519 public key", e);
        }
    }

    public FeedId feedId() {
        return feedId;
    }

    /** Whether {@code signature[sigOffset..+64]} signs {@code message[offset..+length]}. */
    public boolean verify(byte[] message, int offset, int length, byte[] signature, int sigOffset) {
        if (sigOffset < 0 || signature.length - sigOffset < SigningKey.SIGNATURE_LENGTH) {
            return false;
        }
        return publicKey.verify(Ed25519.Algorithm.Ed25519, null, message, offset, length, signature,
                sigOffset);
    }

    /** Whether {@code signature} (64 bytes) signs {@code message}. */
    public boolean verify(byte[] message, byte[] signature) {
        return verify(message, 0, message.length, signature, 0);
    }
}
