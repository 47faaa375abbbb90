package org.tinyssb.codec;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.tinyssb.api.FeedId;

/**
 * An Ed25519 private key (RFC 8032, pure Ed25519) made from a 32-byte seed, and the feed id that
 * is its public key. Signing is deterministic. Thread-safe.
 */
public final class SigningKey {
    /** Length of a seed. */
    public static final int SEED_LENGTH = 32;
    /** Length of a signature. */
    public static final int SIGNATURE_LENGTH = 64;

    private final Ed25519PrivateKeyParameters privateKey;
    private final FeedId feedId;

    private SigningKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.feedId = FeedId.of(privateKey.generatePublicKey().getEncoded());
    }

    /** The key of a 32-byte seed (copied). */
    public static SigningKey fromSeed(byte[] seed) {
        if (seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 seed has " + SEED_LENGTH + " bytes, got "
                    + seed.length);
        }
        return new SigningKey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** The public key, which is the feed id of this key's feed. */
    public FeedId feedId() {
        return feedId;
    }

    /** A copy of the seed, for the key store. */
    public byte[] seed() {
        return privateKey.getEncoded();
    }

    /** The 64-byte signature of {@code length} bytes of {@code message} at {@code offset}. */
    public byte[] sign(byte[] message, int offset, int length) {
        byte[] signature = new byte[SIGNATURE_LENGTH];
        privateKey.sign(Ed25519.Algorithm.Ed25519, null, message, offset, length, signature, 0);
        return signature;
    }

    /** The 64-byte signature of {@code message}. */
    public byte[] sign(byte[] message) {
        return sign(message, 0, message.length);
    }

    @Override
    public String toString() {
        // never the seed
        return "SigningKey[" + feedId.shortId() + "]";
    }
}
