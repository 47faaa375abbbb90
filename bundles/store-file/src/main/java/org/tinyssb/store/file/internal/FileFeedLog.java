package org.tinyssb.store.file.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.PendingChain;
import org.tinyssb.api.store.StoreException;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Dmx;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.EntryName;
import org.tinyssb.codec.SideChain;

/**
 * One feed on disk. Writes go in this order: the record into log.bin, its index row, then the
 * frontier (temp file + rename); with {@link SyncMode#ALWAYS} the log is on disk before a call
 * returns. A crash anywhere leaves a log that {@link FeedOpener} either adopts or truncates
 * exactly as far as it is valid.
 *
 * <p>Every read is checked against the hash chain (an entry against its message id in the index
 * and the DMX its predecessor gives, a chunk against the pointer that names it): corrupt data is
 * never served; it is reported once and the feed is marked for repair at the next open.
 */
final class FileFeedLog implements FeedLog, AutoCloseable {
    static final String LOG = "log.bin";
    static final String FRONTIER = "frontier.bin";
    static final String FRONTIER_TMP = "frontier.tmp";
    static final String REPAIR_MARKER = "tinyssb-repair-needed";
    private static final Logger LOGGER = LoggerFactory.getLogger(FileFeedLog.class);

    private final FeedId feed;
    private final Path dir;
    private final FileChannel log;
    private final EntryIndex index;
    private final SyncMode sync;
    private final byte[] genesis;
    private long maxSeq;
    private long maxPos;
    private byte[] prev;
    private final SortedMap<Long, Frontier.Pending> pending;
    private boolean dirty;
    private boolean corruptionReported;

    FileFeedLog(FeedId feed, Path dir, FileChannel log, EntryIndex index, SyncMode sync, Frontier frontier) {
        this.feed = feed;
        this.dir = dir;
        this.log = log;
        this.index = index;
        this.sync = sync;
        this.genesis = EntryName.genesisPrev(feed);
        this.maxSeq = frontier.maxSeq();
        this.maxPos = frontier.maxPos();
        this.prev = frontier.prev();
        this.pending = new TreeMap<>(frontier.pending());
    }

    @Override
    public FeedId feed() {
        return feed;
    }

    Path dir() {
        return dir;
    }

    @Override
    public synchronized long height() {
        return maxSeq;
    }

    @Override
    public synchronized byte[] lastMessageId() {
        return prev.clone();
    }

    synchronized Frontier frontier() {
        return new Frontier(maxSeq, maxPos, prev, pending);
    }

    @Override
    public synchronized List<PendingChain> pendingChains() {
        List<PendingChain> out = new ArrayList<>();
        for (Map.Entry<Long, Frontier.Pending> e : pending.entrySet()) {
            Frontier.Pending p = e.getValue();
            out.add(new PendingChain(e.getKey(), p.nextChunk(), p.missing(), p.expectedHash()));
        }
        return out;
    }

    // ------------------------------------------------------------------ reads

    @Override
    public synchronized Optional<byte[]> entry(long seq) {
        if (seq < 1 || seq > maxSeq) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(verifiedEntry(seq));
        } catch (IOException e) {
            return corrupt("entry " + seq + " cannot be read (" + e.getMessage() + ")");
        }
    }

    @Override
    public synchronized Optional<byte[]> messageId(long seq) {
        if (seq < 1 || seq > maxSeq) {
            return Optional.empty();
        }
        try {
            // the id is the one the entry was checked against; a corrupt entry has none
            return verifiedEntry(seq) == null ? Optional.empty() : Optional.of(index.messageId(seq).clone());
        } catch (IOException e) {
            return corrupt("entry " + seq + " cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The packet of entry {@code seq}, checked against the hash chain; null (and reported) if corrupt. */
    private byte[] verifiedEntry(long seq) throws IOException {
        if (!indexUpTo(seq)) {
            return null;
        }
        byte[] packet = FileIo.read(log, index.offset(seq), LogLayout.PACKET);
        byte[] before = seq == 1 ? genesis : index.messageId(seq - 1);
        byte[] name = EntryName.of(feed, seq, before);
        boolean dmxOk = Arrays.equals(packet, 0, Dmx.LENGTH, Entries.dmx(feed, seq, before), 0, Dmx.LENGTH);
        if (!dmxOk || !Arrays.equals(Entries.messageId(name, packet), index.messageId(seq))) {
            corrupt("entry " + seq + " does not match the hash chain");
            return null;
        }
        return packet;
    }

    @Override
    public synchronized Optional<byte[]> chunk(long seq, int chunkIndex) {
        if (seq < 1 || seq > maxSeq || chunkIndex < 0) {
            return Optional.empty();
        }
        Frontier.Pending p = pending.get(seq);
        if (p != null && chunkIndex >= p.nextChunk()) {
            return Optional.empty();
        }
        try {
            byte[] packet = verifiedEntry(seq);
            if (packet == null || chunkIndex >= LogLayout.chunkCount(packet)) {
                return Optional.empty();
            }
            long start = index.offset(seq);
            byte[] chunk = FileIo.read(log, LogLayout.slotOffset(start, chunkIndex), LogLayout.PACKET);
            byte[] pointer = chunkIndex == 0
                    ? Arrays.copyOfRange(packet, 36, 56)
                    : FileIo.read(log, LogLayout.slotOffset(start, chunkIndex - 1) + SideChain.POINTER_OFFSET,
                            Entries.HASH_LENGTH);
            if (!Arrays.equals(SideChain.hash(chunk), pointer)) {
                return corrupt("chunk " + chunkIndex + " of entry " + seq + " does not match its hash");
            }
            return Optional.of(chunk);
        } catch (IOException | CodecException e) {
            return corrupt("chunk " + chunkIndex + " of entry " + seq + " cannot be read (" + e.getMessage() + ")");
        }
    }

    /**
     * Makes sure the index covers entries 1..{@code seq}, extending it from the log (a folder
     * written by the reference has no index). Each new row is checked: its entry's DMX must follow
     * from the previous message id.
     */
    private boolean indexUpTo(long seq) throws IOException {
        while (index.count() < seq) {
            long n = index.count() + 1;
            long start = n == 1 ? 0 : index.offset(n - 1) + recordLengthAt(index.offset(n - 1));
            byte[] before = n == 1 ? genesis : index.messageId(n - 1);
            byte[] packet = FileIo.read(log, start, LogLayout.PACKET);
            if (!Arrays.equals(packet, 0, Dmx.LENGTH, Entries.dmx(feed, n, before), 0, Dmx.LENGTH)) {
                corrupt("entry " + n + " does not follow from entry " + (n - 1));
                return false;
            }
            index.put(n, start, Entries.messageId(EntryName.of(feed, n, before), packet));
        }
        return true;
    }

    private long recordLengthAt(long start) throws IOException {
        try {
            return LogLayout.recordLength(LogLayout.chunkCount(FileIo.read(log, start, LogLayout.PACKET)));
        } catch (CodecException e) {
            throw new IOException("record at " + start + ": " + e.getMessage());
        }
    }

    private <T> Optional<T> corrupt(String what) {
        if (!corruptionReported) {
            corruptionReported = true;
            LOGGER.error("feed {}: {} in {}: not served; the feed will be repaired when the store opens it next",
                    feed.toHex(), what, dir.resolve(LOG));
            try {
                Files.writeString(dir.resolve(REPAIR_MARKER), what + "\n");
            } catch (IOException e) {
                LOGGER.error("feed {}: cannot mark it for repair: {}", feed.toHex(), e.toString());
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ writes

    @Override
    public synchronized void append(long seq, byte[] packet, byte[] messageId, int chunkCount, byte[] firstChunkHash,
            List<byte[]> chunks) throws StoreException {
        if (seq != maxSeq + 1) {
            throw new StoreException(feed.shortId() + ": append of entry " + seq + " after " + maxSeq);
        }
        if (packet.length != PACKET_LENGTH || messageId.length != HASH_LENGTH || chunkCount < 0
                || chunks.size() > chunkCount || (chunkCount > chunks.size() && chunks.isEmpty()
                && (firstChunkHash == null || firstChunkHash.length != HASH_LENGTH))) {
            throw new StoreException(feed.shortId() + ": malformed append of entry " + seq);
        }
        long start = maxPos;
        byte[] record = LogLayout.record(packet, chunkCount, chunks, start);
        if (start + record.length > LogLayout.MAX_LOG_LENGTH) {
            throw new StoreException(feed.shortId() + ": log.bin would pass the 4 GiB its back pointers address");
        }
        try {
            FileIo.write(log, record, start);
            index.put(seq, start, messageId);
        } catch (IOException e) {
            throw new StoreException(feed.shortId() + ": cannot write entry " + seq + ": " + e.getMessage(), e);
        }
        maxSeq = seq;
        maxPos = start + record.length;
        prev = messageId.clone();
        int given = chunks.size();
        if (given < chunkCount) {
            byte[] next = given == 0 ? firstChunkHash
                    : Arrays.copyOfRange(chunks.get(given - 1), SideChain.POINTER_OFFSET, LogLayout.PACKET);
            pending.put(seq, new Frontier.Pending(given, chunkCount - given, next.clone(),
                    LogLayout.slotOffset(start, given)));
        }
        commit();
    }

    @Override
    public synchronized void putChunk(long seq, int chunkIndex, byte[] chunk, byte[] nextHash) throws StoreException {
        Frontier.Pending p = pending.get(seq);
        if (p == null || p.nextChunk() != chunkIndex || chunk.length != PACKET_LENGTH) {
            throw new StoreException(feed.shortId() + ": chunk " + chunkIndex + " of entry " + seq
                    + " is not the one expected (" + (p == null ? "chain complete" : "next " + p.nextChunk()) + ")");
        }
        try {
            FileIo.write(log, chunk, p.slotPos());
        } catch (IOException e) {
            throw new StoreException(feed.shortId() + ": cannot write chunk: " + e.getMessage(), e);
        }
        if (p.missing() == 1) {
            pending.remove(seq);
        } else {
            pending.put(seq, new Frontier.Pending(chunkIndex + 1, p.missing() - 1, nextHash.clone(),
                    p.slotPos() + LogLayout.PACKET));
        }
        commit();
    }

    private void commit() throws StoreException {
        dirty = true;
        if (sync == SyncMode.ALWAYS) {
            flush();
        }
    }

    /**
     * Forces the log (unless NEVER) and writes the frontier naming what it holds. With ALWAYS this
     * runs after every write: only the log is forced then (one fsync per write), because what makes
     * a write survive is the log; a frontier lost to a power cut is rebuilt from the log's valid
     * tail on the next open. BATCH forces the frontier too, once per interval.
     */
    synchronized void flush() throws StoreException {
        if (!dirty) {
            return;
        }
        try {
            if (sync != SyncMode.NEVER) {
                log.force(false);
            }
            FileIo.replace(dir.resolve(FRONTIER), dir.resolve(FRONTIER_TMP), frontier().encode(),
                    sync == SyncMode.BATCH);
            dirty = false;
        } catch (IOException e) {
            throw new StoreException(feed.shortId() + ": cannot write the frontier: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            flush();
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            index.close();
            log.close();
        }
    }
}
