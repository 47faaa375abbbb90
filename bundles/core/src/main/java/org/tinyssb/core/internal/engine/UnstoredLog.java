package org.tinyssb.core.internal.engine;

import java.util.List;
import java.util.Optional;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.PendingChain;
import org.tinyssb.api.store.StoreException;
import org.tinyssb.codec.EntryName;

/**
 * The log of a feed a peer announced and nobody has sent an entry of yet: nothing in the store.
 * Anyone can announce keys by the thousand; only those that show a valid entry take a folder on
 * disk ({@link FeedTable#materialize}), so announcements alone neither fill the disk nor outlive a
 * restart.
 */
final class UnstoredLog implements FeedLog {
    private final FeedId feed;

    UnstoredLog(FeedId feed) {
        this.feed = feed;
    }

    @Override
    public FeedId feed() {
        return feed;
    }

    @Override
    public long height() {
        return 0;
    }

    @Override
    public byte[] lastMessageId() {
        return EntryName.genesisPrev(feed);
    }

    @Override
    public Optional<byte[]> entry(long seq) {
        return Optional.empty();
    }

    @Override
    public Optional<byte[]> messageId(long seq) {
        return Optional.empty();
    }

    @Override
    public Optional<byte[]> chunk(long seq, int index) {
        return Optional.empty();
    }

    @Override
    public List<PendingChain> pendingChains() {
        return List.of();
    }

    @Override
    public long chunkBytesHeld() {
        return 0;
    }

    @Override
    public void append(long seq, byte[] packet, byte[] messageId, int chunkCount, byte[] firstChunkHash,
            List<byte[]> chunks) throws StoreException {
        throw new StoreException(feed.shortId() + " is not in the store yet: its first entry makes its log");
    }

    @Override
    public void putChunk(long seq, int index, byte[] chunk, byte[] nextHash) throws StoreException {
        throw new StoreException(feed.shortId() + " is not in the store yet");
    }
}
