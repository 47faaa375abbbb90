package org.tinyssb.codec;

import java.util.Arrays;
import org.tinyssb.api.FeedId;

/**
 * A signed log entry: its position in a feed, the 120-byte packet and its 20-byte message id.
 * Made by {@link Entries#sign} or accepted by {@link Entries#verify}; immutable.
 */
public final class LogEntry {
    private final FeedId feed;
    private final long seq;
    private final byte[] packet;
    private final byte[] messageId;

    LogEntry(FeedId feed, long seq, byte[] packet, byte[] messageId) {
        this.feed = feed;
        this.seq = seq;
        this.packet = packet;
        this.messageId = messageId;
    }

    public FeedId feed() {
        return feed;
    }

    public long seq() {
        return seq;
    }

    /** A copy of the 120-byte packet. */
    public byte[] packet() {
        return packet.clone();
    }

    /** A copy of the message id, which the next entry's name links back to. */
    public byte[] messageId() {
        return messageId.clone();
    }

    /** The type byte: {@link Entries#TYPE_PLAIN48} or {@link Entries#TYPE_CHAIN20}. */
    public int type() {
        return packet[Entries.TYPE_OFFSET] & 0xFF;
    }

    /** A copy of the 48-byte payload. */
    public byte[] payload() {
        return Arrays.copyOfRange(packet, Entries.PAYLOAD_OFFSET,
                Entries.PAYLOAD_OFFSET + Entries.PAYLOAD_LENGTH);
    }

    @Override
    public String toString() {
        return "LogEntry[" + feed.shortId() + "#" + seq + " type " + type() + "]";
    }
}
