package org.tinyssb.store.memory.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.PendingChain;
import org.tinyssb.api.store.StoreException;

/** One feed in memory. Synchronized: the node writes from its thread, readers come from anywhere. */
final class MemoryFeedLog implements FeedLog {
    private final FeedId feed;
    private final List<byte[]> entries = new ArrayList<>();
    private final List<byte[]> messageIds = new ArrayList<>();
    /** Per entry: the chunks held, in chain order (a list that grows as they arrive, never the announced size). */
    private final List<List<byte[]>> chains = new ArrayList<>();
    private long chunksHeld;
    private final Map<Long, PendingChain> pending = new TreeMap<>();
    private byte[] lastMessageId;

    MemoryFeedLog(FeedId feed) {
        this.feed = feed;
        this.lastMessageId = Arrays.copyOf(feed.toBytes(), HASH_LENGTH);
    }

    @Override
    public FeedId feed() {
        return feed;
    }

    @Override
    public synchronized long height() {
        return entries.size();
    }

    @Override
    public synchronized byte[] lastMessageId() {
        return lastMessageId.clone();
    }

    @Override
    public synchronized Optional<byte[]> entry(long seq) {
        return seq < 1 || seq > entries.size() ? Optional.empty()
                : Optional.of(entries.get((int) seq - 1).clone());
    }

    @Override
    public synchronized Optional<byte[]> messageId(long seq) {
        return seq < 1 || seq > messageIds.size() ? Optional.empty()
                : Optional.of(messageIds.get((int) seq - 1).clone());
    }

    @Override
    public synchronized Optional<byte[]> chunk(long seq, int index) {
        if (seq < 1 || seq > entries.size() || index < 0) {
            return Optional.empty();
        }
        List<byte[]> held = chains.get((int) seq - 1);
        return index < held.size() ? Optional.of(held.get(index).clone()) : Optional.empty();
    }

    @Override
    public synchronized long chunkBytesHeld() {
        return chunksHeld * PACKET_LENGTH;
    }

    @Override
    public synchronized List<PendingChain> pendingChains() {
        return new ArrayList<>(pending.values());
    }

    @Override
    public synchronized void append(long seq, byte[] packet, byte[] messageId, int chunkCount,
            byte[] firstChunkHash, List<byte[]> chunks) throws StoreException {
        if (seq != entries.size() + 1) {
            throw new StoreException(feed.shortId() + ": append of entry " + seq + " after " + entries.size());
        }
        check(packet.length == PACKET_LENGTH && messageId.length == HASH_LENGTH && chunkCount >= 0
                && chunks.size() <= chunkCount, "malformed append of entry " + seq);
        List<byte[]> held = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            check(chunks.get(i).length == PACKET_LENGTH, "chunk " + i + " of entry " + seq + " is not 120 bytes");
            held.add(chunks.get(i).clone());
        }
        entries.add(packet.clone());
        chains.add(held);
        chunksHeld += held.size();
        lastMessageId = messageId.clone();
        messageIds.add(lastMessageId);
        int given = chunks.size();
        if (given < chunkCount) {
            byte[] next = given == 0 ? firstChunkHash
                    : Arrays.copyOfRange(chunks.get(given - 1), PACKET_LENGTH - HASH_LENGTH, PACKET_LENGTH);
            pending.put(seq, new PendingChain(seq, given, chunkCount - given, next));
        }
    }

    @Override
    public synchronized void putChunk(long seq, int index, byte[] chunk, byte[] nextHash) throws StoreException {
        PendingChain p = pending.get(seq);
        if (p == null || p.nextChunk() != index) {
            throw new StoreException(feed.shortId() + ": chunk " + index + " of entry " + seq
                    + " is not the one expected (" + (p == null ? "chain complete" : "next " + p.nextChunk()) + ")");
        }
        check(chunk.length == PACKET_LENGTH, "chunk of " + chunk.length + " bytes");
        chains.get((int) seq - 1).add(chunk.clone());
        chunksHeld++;
        if (p.missing() == 1) {
            pending.remove(seq);
        } else {
            pending.put(seq, new PendingChain(seq, index + 1, p.missing() - 1, nextHash));
        }
    }

    private void check(boolean ok, String problem) throws StoreException {
        if (!ok) {
            throw new StoreException(feed.shortId() + ": " + problem);
        }
    }
}
