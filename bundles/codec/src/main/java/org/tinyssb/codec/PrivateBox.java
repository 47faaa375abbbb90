package org.tinyssb.codec;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.tinyssb.api.FeedId;

/**
 * The box of a private message, as the tinySSB Android app writes it (protocol/apps.md, "Private
 * messages"): {@code nonce (24) || ephemeral Curve25519 public key (32) || one 49-byte slot per
 * recipient || body}. Each slot is {@code secretbox(count || dek, nonce, X25519(ephemeral secret,
 * recipient))}, the body {@code secretbox(plaintext, nonce, dek)}; keys are Ed25519 keys converted
 * to Curve25519 as libsodium converts them. At most {@value #MAX_RECIPIENTS} recipients. Pure:
 * the randomness is a parameter, and a reader's secret stays behind a {@link KeyAgreement}.
 */
public final class PrivateBox {
    /** Recipients a box holds at most (slots a reader tries). */
    public static final int MAX_RECIPIENTS = 7;
    static final int NONCE_LENGTH = SecretBox.NONCE_LENGTH;
    static final int KEY_LENGTH = 32;
    static final int SLOT_LENGTH = SecretBox.TAG_LENGTH + 1 + KEY_LENGTH;
    static final int HEADER_LENGTH = NONCE_LENGTH + KEY_LENGTH;
    /** The field prime of Curve25519, 2^255 - 19. */
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    /** X25519 between a reader's secret key (which it keeps) and a Curve25519 public key. */
    @FunctionalInterface
    public interface KeyAgreement {
        /** The 32-byte shared secret with {@code curve25519Public}, or empty if there is none (a low-order point). */
        Optional<byte[]> agree(byte[] curve25519Public);
    }

    private PrivateBox() {
    }

    /** Seals {@code plaintext} for {@code recipients} (in slot order) with fresh random keys. */
    public static byte[] seal(byte[] plaintext, List<FeedId> recipients, SecureRandom random) {
        byte[] ephemeralSeed = new byte[SigningKey.SEED_LENGTH];
        byte[] nonce = new byte[NONCE_LENGTH];
        byte[] dataKey = new byte[KEY_LENGTH];
        random.nextBytes(ephemeralSeed);
        random.nextBytes(nonce);
        random.nextBytes(dataKey);
        return seal(plaintext, recipients, ephemeralSeed, nonce, dataKey);
    }

    /**
     * Seals {@code plaintext} for {@code recipients} with the given ephemeral Ed25519 seed, nonce
     * and data key (fixed inputs make the reference's vectors).
     *
     * @throws IllegalArgumentException for no recipient, more than {@value #MAX_RECIPIENTS}, or one
     *                                  whose id is not a valid Ed25519 public key
     */
    public static byte[] seal(byte[] plaintext, List<FeedId> recipients, byte[] ephemeralSeed, byte[] nonce,
            byte[] dataKey) {
        if (recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("a private message has 1 to " + MAX_RECIPIENTS
                    + " recipients (the author among them), got " + recipients.size());
        }
        if (nonce.length != NONCE_LENGTH || dataKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("a box takes a 24-byte nonce and a 32-byte data key");
        }
        SigningKey ephemeral = SigningKey.fromSeed(ephemeralSeed);
        byte[] slotContent = new byte[1 + KEY_LENGTH];
        slotContent[0] = (byte) recipients.size();
        System.arraycopy(dataKey, 0, slotContent, 1, KEY_LENGTH);
        byte[] body = SecretBox.seal(plaintext, nonce, dataKey);
        byte[] box = new byte[HEADER_LENGTH + SLOT_LENGTH * recipients.size() + body.length];
        System.arraycopy(nonce, 0, box, 0, NONCE_LENGTH);
        System.arraycopy(curve25519PublicKey(ephemeral.feedId()).orElseThrow(), 0, box, NONCE_LENGTH, KEY_LENGTH);
        int at = HEADER_LENGTH;
        for (FeedId r : recipients) {
            byte[] recipientKey = curve25519PublicKey(r).orElseThrow(() -> new IllegalArgumentException(
                    "recipient " + r.shortId() + " is not a valid Ed25519 public key"));
            byte[] keyEncryptionKey = ephemeral.curve25519Agreement(recipientKey).orElseThrow(
                    () -> new IllegalArgumentException("recipient " + r.shortId() + " is a low-order key"));
            System.arraycopy(SecretBox.seal(slotContent, nonce, keyEncryptionKey), 0, box, at, SLOT_LENGTH);
            at += SLOT_LENGTH;
        }
        System.arraycopy(body, 0, box, at, body.length);
        return box;
    }

    /**
     * The plaintext of {@code box} if the reader behind {@code agreement} is one of its recipients;
     * empty for anyone else and for anything that is not a well-formed box (never an exception).
     */
    public static Optional<byte[]> open(byte[] box, KeyAgreement agreement) {
        if (box.length < HEADER_LENGTH + SLOT_LENGTH + SecretBox.TAG_LENGTH) {
            return Optional.empty();
        }
        byte[] nonce = java.util.Arrays.copyOfRange(box, 0, NONCE_LENGTH);
        Optional<byte[]> keyEncryptionKey = agreement.agree(java.util.Arrays.copyOfRange(box, NONCE_LENGTH,
                HEADER_LENGTH));
        if (keyEncryptionKey.isEmpty()) {
            return Optional.empty();
        }
        for (int slot = 0; slot < MAX_RECIPIENTS; slot++) {
            int at = HEADER_LENGTH + slot * SLOT_LENGTH;
            if (at + SLOT_LENGTH > box.length) {
                break;
            }
            Optional<byte[]> opened = SecretBox.open(box, at, SLOT_LENGTH, nonce, keyEncryptionKey.get());
            if (opened.isEmpty()) {
                continue;
            }
            int count = opened.get()[0] & 0xFF;
            int bodyAt = HEADER_LENGTH + count * SLOT_LENGTH;
            if (count < 1 || count > MAX_RECIPIENTS || bodyAt > box.length) {
                return Optional.empty();
            }
            byte[] dataKey = java.util.Arrays.copyOfRange(opened.get(), 1, 1 + KEY_LENGTH);
            return SecretBox.open(box, bodyAt, box.length - bodyAt, nonce, dataKey);
        }
        return Optional.empty();
    }

    /**
     * The Curve25519 (Montgomery u) form of an Ed25519 public key, as libsodium's
     * {@code crypto_sign_ed25519_pk_to_curve25519}: u = (1 + y) / (1 - y) mod p; empty for a key
     * that is not a point of the prime-order group (as libsodium refuses it).
     */
    public static Optional<byte[]> curve25519PublicKey(FeedId feed) {
        byte[] ed = feed.toBytes();
        if (!Ed25519.validatePublicKeyFull(ed, 0)) {
            return Optional.empty();
        }
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = ed[31 - i];
        }
        bigEndian[0] &= 0x7F; // the sign of x
        BigInteger y = new BigInteger(1, bigEndian);
        BigInteger u = BigInteger.ONE.add(y).multiply(BigInteger.ONE.subtract(y).mod(P).modInverse(P)).mod(P);
        byte[] out = new byte[32];
        byte[] be = u.toByteArray();
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return Optional.of(out);
    }

    /** Whether X25519 of {@code secret} and {@code curve25519Public} gives a shared secret (into {@code out}). */
    static boolean agree(byte[] secret, byte[] curve25519Public, byte[] out) {
        return X25519.calculateAgreement(secret, 0, curve25519Public, 0, out, 0);
    }
}
