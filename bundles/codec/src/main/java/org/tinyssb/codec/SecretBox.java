package org.tinyssb.codec;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl's {@code crypto_secretbox} (XSalsa20-Poly1305) in libsodium's "easy" layout: the 16-byte
 * Poly1305 tag, then the ciphertext. Composed from Bouncy Castle's XSalsa20 and Poly1305 the way
 * NaCl composes them: the first 32 bytes of the key stream are the one-time Poly1305 key, the
 * rest encrypts the message.
 */
final class SecretBox {
    static final int KEY_LENGTH = 32;
    static final int NONCE_LENGTH = 24;
    static final int TAG_LENGTH = 16;

    private SecretBox() {
    }

    static byte[] seal(byte[] message, byte[] nonce, byte[] key) {
        XSalsa20Engine cipher = cipher(nonce, key);
        byte[] macKey = keyStream(cipher);
        byte[] box = new byte[TAG_LENGTH + message.length];
        cipher.processBytes(message, 0, message.length, box, TAG_LENGTH);
        mac(macKey, box, TAG_LENGTH, message.length, box, 0);
        return box;
    }

    /** The message of {@code length} bytes of {@code box} at {@code offset}, or empty if the tag is wrong. */
    static Optional<byte[]> open(byte[] box, int offset, int length, byte[] nonce, byte[] key) {
        if (length < TAG_LENGTH) {
            return Optional.empty();
        }
        XSalsa20Engine cipher = cipher(nonce, key);
        byte[] macKey = keyStream(cipher);
        byte[] tag = new byte[TAG_LENGTH];
        mac(macKey, box, offset + TAG_LENGTH, length - TAG_LENGTH, tag, 0);
        if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(TAG_LENGTH, tag, 0, box, offset)) {
            return Optional.empty();
        }
        byte[] message = new byte[length - TAG_LENGTH];
        cipher.processBytes(box, offset + TAG_LENGTH, message.length, message, 0);
        return Optional.of(message);
    }

    private static XSalsa20Engine cipher(byte[] nonce, byte[] key) {
        if (nonce.length != NONCE_LENGTH || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("secretbox takes a 24-byte nonce and a 32-byte key");
        }
        XSalsa20Engine cipher = new XSalsa20Engine();
        cipher.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return cipher;
    }

    /** The next 32 bytes of the key stream: the Poly1305 key. */
    private static byte[] keyStream(XSalsa20Engine cipher) {
        byte[] zeros = new byte[KEY_LENGTH];
        byte[] stream = new byte[KEY_LENGTH];
        cipher.processBytes(zeros, 0, KEY_LENGTH, stream, 0);
        return stream;
    }

    private static void mac(byte[] macKey, byte[] data, int offset, int length, byte[] out, int outOffset) {
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(macKey));
        poly.update(data, offset, length);
        poly.doFinal(out, outOffset);
        Arrays.fill(macKey, (byte) 0);
    }
}
