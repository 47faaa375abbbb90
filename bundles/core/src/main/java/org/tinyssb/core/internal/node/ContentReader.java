package org.tinyssb.core.internal.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.codec.ChainHeader;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.EntryContentCodec;

/**
 * Reads contents back from the store: the entry and as many of its chunks as are held, in order.
 * Works from any thread (stores are thread-safe), so reading never waits for the engine.
 */
final class ContentReader {
    private ContentReader() {
    }

    /** The content as far as the entry itself carries it, its side chain not read. */
    static Optional<EntryContent> readStart(FeedStore store, FeedId feed, long seq) {
        return read(store, feed, seq, false);
    }

    static Optional<EntryContent> read(FeedStore store, FeedId feed, long seq) {
        return read(store, feed, seq, true);
    }

    private static Optional<EntryContent> read(FeedStore store, FeedId feed, long seq, boolean withChunks) {
        Optional<FeedLog> log = store.log(feed);
        if (log.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> packet = log.get().entry(seq);
        Optional<byte[]> messageId = log.get().messageId(seq);
        if (packet.isEmpty() || messageId.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] p = packet.get();
            List<byte[]> chunks = new ArrayList<>();
            if (withChunks && (p[Entries.TYPE_OFFSET] & 0xFF) == Entries.TYPE_CHAIN20) {
                int count = ChainHeader.of(p).chunkCount();
                for (int i = 0; i < count; i++) {
                    Optional<byte[]> c = log.get().chunk(seq, i);
                    if (c.isEmpty()) {
                        break;
                    }
                    chunks.add(c.get());
                }
            }
            long length = EntryContentCodec.declaredLength(p);
            return Optional.of(new EntryContent(feed, seq, (int) length, EntryContentCodec.decode(p, chunks),
                    messageId.get()));
        } catch (CodecException e) {
            // the engine verified the entry before storing it: a store handing back something else is broken
            throw new IllegalStateException("stored entry " + feed.shortId() + "#" + seq + " does not decode: "
                    + e.getMessage(), e);
        }
    }
}
