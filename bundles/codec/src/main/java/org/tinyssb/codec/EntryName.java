package org.tinyssb.codec;

import org.tinyssb.api.FeedId;

/**
 * The 66-byte name of a log entry: {@code "tinyssb-v0" || feed id || seq (4 bytes, big-endian) ||
 * prev}. Its SHA-256 gives the entry's DMX; with the packet it gives the message id; the
 * signature covers it followed by the packet's first 56 bytes.
 */
public final class EntryName {
    public static final int LENGTH = Dmx.PREFIX.length + FeedId.LENGTH + 4 + Entries.HASH_LENGTH;
    /** Highest sequence number the 4-byte field holds. */
    public static final long MAX_SEQ = 0xFFFF_FFFFL;

    private EntryName() {
    }

    /**
     * @param prev the message id of entry {@code seq - 1}, or for entry 1 the first 20 bytes of
     *             the feed id
     */
    public static byte[] of(FeedId feed, long seq, byte[] prev) {
        if (seq < 1 || seq > MAX_SEQ) {
            throw new IllegalArgumentException("sequence number " + seq + " outside 1.." + MAX_SEQ);
        }
        if (prev.length != Entries.HASH_LENGTH) {
            throw new IllegalArgumentException("prev has " + prev.length + " bytes, not 20");
        }
        byte[] name = new byte[LENGTH];
        System.arraycopy(Dmx.PREFIX, 0, name, 0, Dmx.PREFIX.length);
        int i = Dmx.PREFIX.length;
        feed.copyTo(name, i);
        i += FeedId.LENGTH;
        name[i++] = (byte) (seq >>> 24);
        name[i++] = (byte) (seq >>> 16);
        name[i++] = (byte) (seq >>> 8);
        name[i++] = (byte) seq;
        System.arraycopy(prev, 0, name, i, Entries.HASH_LENGTH);
        return name;
    }

    /** {@code prev} of entry 1: the first 20 bytes of the feed id. */
    public static byte[] genesisPrev(FeedId feed) {
        byte[] prev = new byte[Entries.HASH_LENGTH];
        for (int i = 0; i < prev.length; i++) {
            prev[i] = feed.byteAt(i);
        }
        return prev;
    }
}
