package org.tinyssb.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Side-chain chunks: {@code 100 content bytes || pointer to the next chunk (20)}, 120 bytes; the
 * last chunk is zero-padded and points to 20 zero bytes. Each pointer is
 * {@code sha256(next chunk)[:20]}, so the signed entry authenticates the whole chain.
 */
public final class SideChain {
    public static final int CHUNK_LENGTH = org.tinyssb.api.Wire.PACKET_LENGTH;
    public static final int CONTENT_LENGTH = 100;
    public static final int POINTER_OFFSET = CONTENT_LENGTH;
    private static final byte[] NULL_POINTER = new byte[Entries.HASH_LENGTH];

    private SideChain() {
    }

    /** The hash by which a chunk is recognised: {@code sha256(chunk)[:20]}. */
    public static byte[] hash(byte[] chunk) {
        return Sha256.truncated(Entries.HASH_LENGTH, chunk);
    }

    /** The pointer a chunk carries to the next one (20 zero bytes for the last). */
    public static byte[] nextPointer(byte[] chunk) {
        return Arrays.copyOfRange(chunk, POINTER_OFFSET, POINTER_OFFSET + Entries.HASH_LENGTH);
    }

    public static boolean isNullPointer(byte[] pointer) {
        return Arrays.equals(pointer, NULL_POINTER);
    }

    /** Chunks carrying {@code rest}, in chain order; built back to front. */
    public static List<byte[]> build(byte[] rest) {
        int count = (rest.length + CONTENT_LENGTH - 1) / CONTENT_LENGTH;
        List<byte[]> chunks = new ArrayList<>(count);
        byte[] next = NULL_POINTER;
        for (int i = count - 1; i >= 0; i--) {
            byte[] chunk = new byte[CHUNK_LENGTH];
            int from = i * CONTENT_LENGTH;
            System.arraycopy(rest, from, chunk, 0, Math.min(CONTENT_LENGTH, rest.length - from));
            System.arraycopy(next, 0, chunk, POINTER_OFFSET, Entries.HASH_LENGTH);
            chunks.add(chunk);
            next = hash(chunk);
        }
        Collections.reverse(chunks);
        return chunks;
    }

    /** The hash pointer to the first of {@code chunks} (20 zero bytes for none). */
    public static byte[] firstPointer(List<byte[]> chunks) {
        return chunks.isEmpty() ? NULL_POINTER.clone() : hash(chunks.get(0));
    }
}
