package org.tinyssb.core.internal.engine;

import java.util.Arrays;

/** A 20-byte chunk hash as a map key. */
final class HashKey {
    private final byte[] hash;
    private final int code;

    HashKey(byte[] hash) {
        this.hash = hash;
        this.code = Arrays.hashCode(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HashKey k && Arrays.equals(hash, k.hash);
    }

    @Override
    public int hashCode() {
        return code;
    }
}
