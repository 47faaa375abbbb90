package org.tinyssb.core.internal.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.api.store.StoreException;
import org.tinyssb.codec.ChainHeader;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Dmx;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.EntryName;

/**
 * Copies feeds from one store to another when the node changes its store: the entries the
 * target lacks, each with the chunks the source holds. Only entries that continue the target's
 * log are copied (each must carry the DMX its predecessor in the target gives), so a feed is never
 * forked by a copy.
 */
final class StoreMigration {
    private StoreMigration() {
    }

    /** Copies what {@code to} lacks of {@code feed}; returns the number of entries copied. */
    static long copy(FeedId feed, FeedStore from, FeedStore to) throws StoreException {
        Optional<FeedLog> source = from.log(feed);
        if (source.isEmpty()) {
            return 0;
        }
        FeedLog src = source.get();
        FeedLog dst = to.createLog(feed);
        long copied = 0;
        for (long seq = dst.height() + 1; seq <= src.height(); seq++) {
            Optional<byte[]> packet = src.entry(seq);
            byte[] prev = dst.lastMessageId();
            if (packet.isEmpty() || !Arrays.equals(packet.get(), 0, Dmx.LENGTH, Entries.dmx(feed, seq, prev), 0,
                    Dmx.LENGTH)) {
                break; // unreadable, or the target holds a different history
            }
            byte[] p = packet.get();
            int chunkCount = 0;
            byte[] first = null;
            List<byte[]> chunks = new ArrayList<>();
            if ((p[Entries.TYPE_OFFSET] & 0xFF) == Entries.TYPE_CHAIN20) {
                try {
                    ChainHeader h = ChainHeader.of(p);
                    chunkCount = h.chunkCount();
                    first = h.firstPointer();
                } catch (CodecException e) {
                    break;
                }
                for (int i = 0; i < chunkCount; i++) {
                    Optional<byte[]> c = src.chunk(seq, i);
                    if (c.isEmpty()) {
                        break;
                    }
                    chunks.add(c.get());
                }
            }
            dst.append(seq, p, Entries.messageId(EntryName.of(feed, seq, prev), p), chunkCount, first, chunks);
            copied++;
        }
        return copied;
    }
}
