package org.tinyssb.api.store;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;
import org.tinyssb.api.FeedId;

/**
 * The stored log of one feed: its entries 1..{@link #height()} and their side-chain chunks.
 *
 * <p>Entries arrive in sequence order; chunks of one side chain arrive in chain order (each chunk
 * names the hash of the next), so a store only ever appends entries and fills the next missing
 * chunk of a chain. Writes return once the data is as durable as the backend is configured to
 * make it. Safe for concurrent readers while one thread writes.
 */
@ConsumerType
public interface FeedLog {
    /** Length of a stored packet (entry or chunk). */
    int PACKET_LENGTH = org.tinyssb.api.Wire.PACKET_LENGTH;
    /** Length of a message id and of a chunk hash. */
    int HASH_LENGTH = org.tinyssb.api.Wire.HASH_LENGTH;

    FeedId feed();

    /** Highest sequence number stored; 0 for an empty log. */
    long height();

    /**
     * The message id of entry {@link #height()} (20 bytes), which the next entry links back to;
     * for an empty log, the first 20 bytes of the feed id.
     */
    byte[] lastMessageId();

    /** The 120-byte packet of entry {@code seq}, if stored. */
    Optional<byte[]> entry(long seq);

    /**
     * The 20-byte message id of entry {@code seq}, if stored: how applications refer to an entry
     * (chat replies, the Android app's {@code ref}).
     */
    Optional<byte[]> messageId(long seq);

    /** The 120-byte packet of chunk {@code index} (0-based) of entry {@code seq}'s side chain, if stored. */
    Optional<byte[]> chunk(long seq, int index);

    /**
     * Every entry whose side chain still misses chunks, in sequence order, including chains that
     * can never complete ({@link PendingChain#unavailable()}).
     */
    List<PendingChain> pendingChains();

    /**
     * Bytes of side-chain chunks held (120 per chunk stored): what this feed's contents cost in
     * storage beyond its entries. Announced but missing chunks cost nothing.
     */
    long chunkBytesHeld();

    /** Entries found corrupt on read and not served until {@link #repairEntry} replaces them, in sequence order. */
    default List<DamagedEntry> damagedEntries() {
        return List.of();
    }

    /**
     * Puts a verified copy of a damaged entry back in place.
     *
     * @param seq    one of {@link #damagedEntries()}
     * @param packet the entry packet, verified against the {@link DamagedEntry}'s {@code prev}; its
     *               message id must be the damaged entry's {@code messageId}
     * @throws StoreException if {@code seq} is not damaged, the packet is not the entry that was
     *                        stored, or the write failed
     */
    default void repairEntry(long seq, byte[] packet) throws StoreException {
        throw new StoreException(feed().shortId() + ": entry " + seq + " is not damaged");
    }

    /**
     * Appends entry {@code height() + 1}, with the first chunks of its side chain if they are at
     * hand (all of them when the node publishes; usually none when it replicates). The entry and
     * the given chunks become durable together; the rest of the chain is pending.
     *
     * @param seq            must be {@code height() + 1}
     * @param packet         the verified 120-byte entry packet
     * @param messageId      its 20-byte message id (becomes {@link #lastMessageId()})
     * @param chunkCount     number of side-chain chunks the entry announces (0 if none)
     * @param firstChunkHash hash of the first chunk (20 bytes) when {@code chunkCount > 0}, else ignored;
     *                       20 zero bytes (the entry's own pointer, when its author left the chain
     *                       out) make the whole chain unavailable
     * @param chunks         verified chunks 0..k-1 of the chain (k at most {@code chunkCount}); when
     *                       k is less, chunk k is expected to hash to the pointer in chunk k-1's
     *                       last 20 bytes
     * @throws StoreException if {@code seq} is not the next one or the write failed
     */
    void append(long seq, byte[] packet, byte[] messageId, int chunkCount, byte[] firstChunkHash,
            List<byte[]> chunks) throws StoreException;

    /**
     * Stores the next missing chunk of entry {@code seq}'s side chain.
     *
     * @param index    must be the chain's {@link PendingChain#nextChunk()}
     * @param chunk    the verified 120-byte chunk packet
     * @param nextHash the hash this chunk points to (the expected next chunk); ignored for the last;
     *                 20 zero bytes before the last chunk leave the rest of the chain unavailable
     * @throws StoreException if the chunk is not the expected one or the write failed
     */
    void putChunk(long seq, int index, byte[] chunk, byte[] nextHash) throws StoreException;
}
