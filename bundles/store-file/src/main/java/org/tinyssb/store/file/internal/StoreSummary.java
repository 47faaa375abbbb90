package org.tinyssb.store.file.internal;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.store.DamagedEntry;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Entries;

/**
 * {@code tinyssb-store-summary.bin}: written by a clean close, what every feed's log keeps in
 * memory, so that the next start reads one file instead of every feed folder. It is deleted
 * (and the deletion forced to disk) before the store takes any write, so a crash can never leave
 * a stale one: without it the store opens every folder and checks it. The reference pub ignores
 * it.
 *
 * <pre>
 * "TSSBSUMM" (8) || version (4) || feed count (4)
 * per feed: id (32) || max_seq (8) || max_pos (8) || prev (20) || pending count (4) || damaged count (4)
 *           || pending chains: seq (8) || next chunk (4) || missing (4) || expected hash (20) || slot offset (8)
 *           || damaged entries: seq (8) || prev (20) || message id (20)
 * CRC-32 of everything before it (4)
 * </pre>
 * Integers are big-endian. Encoding and decoding are pure; {@link #load}, {@link #save} and
 * {@link #discard} do the file work.
 */
final class StoreSummary {
    static final String FILE = "tinyssb-store-summary.bin";
    static final String TMP = "tinyssb-store-summary.tmp";
    static final int VERSION = 1;
    private static final byte[] MAGIC = "TSSBSUMM".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 4 + 4;
    private static final int FEED_FIXED = FeedId.LENGTH + 8 + 8 + Entries.HASH_LENGTH + 4 + 4;
    private static final int PENDING_ROW = 8 + 4 + 4 + Entries.HASH_LENGTH + 8;
    private static final int DAMAGED_ROW = 8 + 2 * Entries.HASH_LENGTH;
    private static final int TRAILER = 4;

    /**
     * One feed's state in memory.
     *
     * @param pending null or the incomplete side chains
     * @param damaged null or the entries awaiting repair
     */
    record Feed(FeedId id, long maxSeq, long maxPos, byte[] prev, SortedMap<Long, Frontier.Pending> pending,
            SortedMap<Long, DamagedEntry> damaged) {
        private int length() {
            return FEED_FIXED + PENDING_ROW * size(pending) + DAMAGED_ROW * size(damaged);
        }
    }

    private StoreSummary() {
    }

    static byte[] encode(Collection<Feed> feeds) {
        long length = HEADER + TRAILER;
        for (Feed f : feeds) {
            length += f.length();
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a summary of " + length + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate((int) length);
        b.put(MAGIC).putInt(VERSION).putInt(feeds.size());
        for (Feed f : feeds) {
            b.put(f.id().toBytes()).putLong(f.maxSeq()).putLong(f.maxPos()).put(f.prev())
                    .putInt(size(f.pending())).putInt(size(f.damaged()));
            if (f.pending() != null) {
                for (Map.Entry<Long, Frontier.Pending> e : f.pending().entrySet()) {
                    Frontier.Pending p = e.getValue();
                    b.putLong(e.getKey()).putInt(p.nextChunk()).putInt(p.missing()).put(p.expectedHash())
                            .putLong(p.slotPos());
                }
            }
            if (f.damaged() != null) {
                for (DamagedEntry d : f.damaged().values()) {
                    b.putLong(d.seq()).put(d.prev()).put(d.messageId());
                }
            }
        }
        b.putInt((int) crc(b.array(), b.position()));
        return b.array();
    }

    /** The feeds of a summary by id; anything but a whole, checked summary of this version is a {@link CodecException}. */
    static Map<FeedId, Feed> decode(byte[] file) throws CodecException {
        if (file.length < HEADER + TRAILER) {
            throw new CodecException("truncated: " + file.length + " bytes");
        }
        if (!Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CodecException("not a store summary");
        }
        ByteBuffer b = ByteBuffer.wrap(file, 0, file.length - TRAILER);
        b.position(MAGIC.length);
        int version = b.getInt();
        if (version != VERSION) {
            throw new CodecException("version " + version + ", this store reads version " + VERSION);
        }
        int stored = ByteBuffer.wrap(file, file.length - TRAILER, TRAILER).getInt();
        if (stored != (int) crc(file, file.length - TRAILER)) {
            throw new CodecException("checksum does not match (truncated or damaged)");
        }
        int count = b.getInt();
        if (count < 0 || count > b.remaining() / FEED_FIXED) {
            throw new CodecException("a count of " + count + " feeds in " + file.length + " bytes");
        }
        Map<FeedId, Feed> feeds = new HashMap<>(count * 4 / 3 + 1);
        try {
            for (int i = 0; i < count; i++) {
                Feed f = feed(b);
                if (feeds.put(f.id(), f) != null) {
                    throw new CodecException("feed " + f.id().toHex() + " listed twice");
                }
            }
        } catch (BufferUnderflowException e) {
            throw new CodecException("a feed cut short");
        }
        if (b.hasRemaining()) {
            throw new CodecException(b.remaining() + " bytes after the last feed");
        }
        return feeds;
    }

    private static Feed feed(ByteBuffer b) throws CodecException {
        if (b.remaining() < FEED_FIXED) {
            throw new CodecException("a feed cut short");
        }
        FeedId id = FeedId.of(b.array(), b.position());
        b.position(b.position() + FeedId.LENGTH);
        long maxSeq = b.getLong();
        long maxPos = b.getLong();
        byte[] prev = bytes(b, Entries.HASH_LENGTH);
        int pendingCount = b.getInt();
        int damagedCount = b.getInt();
        if (maxSeq < 0 || maxPos < 0 || maxPos > LogLayout.MAX_LOG_LENGTH || (maxSeq == 0 && maxPos != 0)
                || pendingCount < 0 || damagedCount < 0
                || (long) pendingCount * PENDING_ROW + (long) damagedCount * DAMAGED_ROW > b.remaining()) {
            throw new CodecException("feed " + id.toHex() + " out of range");
        }
        SortedMap<Long, Frontier.Pending> pending = pendingCount == 0 ? null : new TreeMap<>();
        for (int i = 0; i < pendingCount; i++) {
            long seq = b.getLong();
            int next = b.getInt();
            int missing = b.getInt();
            byte[] hash = bytes(b, Entries.HASH_LENGTH);
            long slot = b.getLong();
            if (seq < 1 || seq > maxSeq || next < 0 || missing < 1 || slot < 0 || slot + LogLayout.PACKET > maxPos
                    || pending.put(seq, new Frontier.Pending(next, missing, hash, slot)) != null) {
                throw new CodecException("a pending chain of feed " + id.toHex() + " out of range");
            }
        }
        SortedMap<Long, DamagedEntry> damaged = damagedCount == 0 ? null : new TreeMap<>();
        for (int i = 0; i < damagedCount; i++) {
            long seq = b.getLong();
            DamagedEntry d = new DamagedEntry(seq, bytes(b, Entries.HASH_LENGTH), bytes(b, Entries.HASH_LENGTH));
            if (seq < 1 || seq > maxSeq || damaged.put(seq, d) != null) {
                throw new CodecException("a damaged entry of feed " + id.toHex() + " out of range");
            }
        }
        return new Feed(id, maxSeq, maxPos, prev, pending, damaged);
    }

    private static byte[] bytes(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    private static int size(Map<?, ?> m) {
        return m == null ? 0 : m.size();
    }

    private static long crc(byte[] data, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, length);
        return crc.getValue();
    }

    // ------------------------------------------------------------------ the file

    /** The summary file's bytes, or null when there is none. */
    static byte[] load(Path root) throws IOException {
        Files.deleteIfExists(root.resolve(TMP)); // a close that did not finish writing it
        try {
            return Files.readAllBytes(root.resolve(FILE));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Writes the summary, atomically: a crash leaves none or the whole. */
    static void save(Path root, byte[] summary, boolean durable) throws IOException {
        FileIo.replace(root.resolve(FILE), root.resolve(TMP), summary, durable);
    }

    /** Deletes the summary and forces the deletion to disk: from here on only the folders tell. */
    static void discard(Path root) throws IOException {
        if (Files.deleteIfExists(root.resolve(FILE))) {
            FileIo.forceDirectory(root);
        }
    }
}
