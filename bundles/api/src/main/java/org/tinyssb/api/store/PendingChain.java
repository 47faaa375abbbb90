package org.tinyssb.api.store;

/**
 * A side chain that still misses chunks.
 *
 * @param seq          the entry whose content the chain carries
 * @param nextChunk    index (0-based) of the first missing chunk
 * @param missing      how many chunks are still missing
 * @param expectedHash hash of the next chunk (20 bytes): {@code sha256(chunk packet)[:20]}; 20 zero
 *                     bytes when the chain cannot go on (its author put the end-of-chain pointer
 *                     where chunks remain): the rest of the content is unavailable for good
 */
public record PendingChain(long seq, int nextChunk, int missing, byte[] expectedHash) {
    public PendingChain {
        if (seq < 1 || nextChunk < 0 || missing < 1 || expectedHash.length != FeedLog.HASH_LENGTH) {
            throw new IllegalArgumentException("invalid pending chain: seq " + seq + ", next "
                    + nextChunk + ", missing " + missing + ", hash of " + expectedHash.length
                    + " bytes");
        }
        expectedHash = expectedHash.clone();
    }

    /** Whether no chunk can ever continue this chain (its pointer is 20 zero bytes). */
    public boolean unavailable() {
        for (byte b : expectedHash) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public byte[] expectedHash() {
        return expectedHash.clone();
    }
}
