package org.tinyssb.api.store;

/**
 * An entry that a read found corrupt in storage. The store does not serve it any more; the node
 * fetches it again from peers and hands it back through {@link FeedLog#repairEntry}. Entries after
 * it stay stored and served: only the damaged one is missing.
 *
 * @param seq       the entry's sequence number
 * @param prev      message id of entry {@code seq - 1} (the feed id's first 20 bytes for entry 1):
 *                  what the replacement's DMX and signature are checked against
 * @param messageId the message id the replacement must have (entry {@code seq + 1} links to it)
 */
public record DamagedEntry(long seq, byte[] prev, byte[] messageId) {
    public DamagedEntry {
        if (seq < 1 || prev.length != FeedLog.HASH_LENGTH || messageId.length != FeedLog.HASH_LENGTH) {
            throw new IllegalArgumentException("invalid damaged entry: seq " + seq);
        }
        prev = prev.clone();
        messageId = messageId.clone();
    }

    @Override
    public byte[] prev() {
        return prev.clone();
    }

    @Override
    public byte[] messageId() {
        return messageId.clone();
    }
}
