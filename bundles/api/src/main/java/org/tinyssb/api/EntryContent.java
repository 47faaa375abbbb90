package org.tinyssb.api;

import java.util.Objects;

/**
 * The content of one log entry, as far as it is held locally.
 *
 * <p>Content longer than fits in the entry travels in a side chain of chunks, which may arrive
 * later than the entry. Until then {@link #available()} holds only the first bytes and
 * {@link #isComplete()} is false; {@link #length()} is always the full length the author signed.
 */
public final class EntryContent {
    private final FeedId feed;
    private final long seq;
    private final int length;
    private final byte[] available;
    private final byte[] messageId;

    /**
     * @param feed      author's feed
     * @param seq       sequence number of the entry (1-based)
     * @param length    full content length declared by the entry
     * @param available the first bytes of the content that are held (copied), at most {@code length}
     * @param messageId the entry's 20-byte message id (copied)
     */
    public EntryContent(FeedId feed, long seq, int length, byte[] available, byte[] messageId) {
        this.feed = Objects.requireNonNull(feed, "feed");
        if (seq < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1, got " + seq);
        }
        if (length < 0 || available.length > length) {
            throw new IllegalArgumentException("available " + available.length + " of declared "
                    + length + " bytes");
        }
        this.seq = seq;
        this.length = length;
        this.available = available.clone();
        if (messageId.length != 20) {
            throw new IllegalArgumentException("a message id has 20 bytes, got " + messageId.length);
        }
        this.messageId = messageId.clone();
    }

    public FeedId feed() {
        return feed;
    }

    public long seq() {
        return seq;
    }

    /** The entry's message id (20 bytes): how other entries refer to this one. */
    public byte[] messageId() {
        return messageId.clone();
    }

    /** Full length of the content as signed by the author. */
    public int length() {
        return length;
    }

    /** A copy of the content bytes held so far (all of them when {@link #isComplete()}). */
    public byte[] available() {
        return available.clone();
    }

    /** Number of content bytes held so far. */
    public int availableLength() {
        return available.length;
    }

    /** Whether every byte of the content is held. */
    public boolean isComplete() {
        return available.length == length;
    }

    @Override
    public String toString() {
        return "EntryContent[" + feed.shortId() + "#" + seq + ", " + available.length + "/" + length
                + " bytes]";
    }
}
