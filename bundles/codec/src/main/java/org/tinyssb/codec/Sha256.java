package org.tinyssb.codec;

import org.bouncycastle.crypto.digests.SHA256Digest;

/** SHA-256 (Bouncy Castle) and the truncated forms tinySSB uses for DMX values and hash pointers. */
public final class Sha256 {
    /** Length of a full SHA-256 digest. */
    public static final int LENGTH = 32;

    private Sha256() {
    }

    /** The digest of the concatenation of {@code parts}. */
    public static byte[] digest(byte[]... parts) {
        SHA256Digest d = new SHA256Digest();
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[LENGTH];
        d.doFinal(out, 0);
        return out;
    }

    /** The digest of {@code length} bytes of {@code data} at {@code offset}. */
    public static byte[] digest(byte[] data, int offset, int length) {
        SHA256Digest d = new SHA256Digest();
        d.update(data, offset, length);
        byte[] out = new byte[LENGTH];
        d.doFinal(out, 0);
        return out;
    }

    /** {@code sha256(parts...)[:n]}. */
    public static byte[] truncated(int n, byte[]... parts) {
        byte[] full = digest(parts);
        return n == LENGTH ? full : java.util.Arrays.copyOf(full, n);
    }
}
