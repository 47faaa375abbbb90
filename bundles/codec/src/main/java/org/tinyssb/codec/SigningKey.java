package org.tinyssb.codec;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA512Digest;
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

    /**
     * X25519 of this key converted to Curve25519 (libsodium's
     * {@code crypto_sign_ed25519_sk_to_curve25519}: the first half of SHA-512 of the seed) and
     * {@code curve25519Public}: the shared secret of a {@link PrivateBox} slot. Empty when the
     * other key is of low order (the result would be all zeros).
     */
    public Optional<byte[]> curve25519Agreement(byte[] curve25519Public) {
        if (curve25519Public.length != 32) {
            throw new IllegalArgumentException("a Curve25519 public key has 32 bytes, got " + curve25519Public.length);
        }
        byte[] hash = new byte[64];
        byte[] seed = privateKey.getEncoded();
        SHA512Digest sha512 = new SHA512Digest();
        sha512.update(seed, 0, seed.length);
        sha512.doFinal(hash, 0);
        byte[] secret = Arrays.copyOf(hash, 32); // X25519 clamps it
        byte[] shared = new byte[32];
        boolean agreed = PrivateBox.agree(secret, curve25519Public, shared);
        Arrays.fill(hash, (byte) 0);
        Arrays.fill(secret, (byte) 0);
        Arrays.fill(seed, (byte) 0);
        return agreed ? Optional.of(shared) : Optional.empty();
    }

    @Override
    public String toString() {
        // never the seed
        return "SigningKey[" + feedId.shortId() + "]";
    }
}
