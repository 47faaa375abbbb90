package org.tinyssb.store.file.internal;

import java.io.IOException;
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
import org.tinyssb.api.store.DamageListener;
import org.tinyssb.api.store.DamagedEntry;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.PendingChain;
import org.tinyssb.api.store.StoreException;
import org.tinyssb.codec.ChainHeader;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Dmx;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.EntryName;
import org.tinyssb.codec.SideChain;
import org.tinyssb.codec.VerifyingKey;

/**
 * One feed on disk. Writes go in this order: the record into log.bin (with {@link SyncMode#ALWAYS}
 * forced to disk before the call returns), its index row; the frontier follows at the store's
 * sync interval, because what makes a write survive is the log: {@link FeedOpener} adopts every
 * valid record and chunk the frontier does not name yet, and truncates exactly what is not valid.
 * So the frontier's size (it lists every pending side chain) costs nothing per write.
 *
 * <p>Chunk slots that have not arrived are never written: the record's back pointer is placed at
 * its end, leaving a hole that reads as the reference's zero bytes but takes no disk space.
 *
 * <p>Every read is checked against the hash chain (an entry against its message id in the index
 * and the DMX its predecessor gives, a chunk against the pointer that names it): corrupt data is
 * never served. A corrupt entry is recorded as damaged (entries after it stay served) and a
 * corrupt chunk makes its chain pending again from there; the store's {@link DamageListener} is
 * told, so that the node fetches the part again from peers. Damage that cannot be located marks
 * the feed for repair at the next open.
 *
 * <p>Small when idle, as a pub holds 100,000 of these: no open file (the store's
 * {@link FeedHandles} lends them for each call), no path (derived from the root and the id), no
 * map while nothing is pending or damaged.
 */
final class FileFeedLog implements FeedLog, AutoCloseable {
    static final String LOG = "log.bin";
    static final String FRONTIER = "frontier.bin";
    static final String FRONTIER_TMP = "frontier.tmp";
    static final String REPAIR_MARKER = "tinyssb-repair-needed";
    private static final Logger LOGGER = LoggerFactory.getLogger(FileFeedLog.class);

    private final FeedId feed;
    private final StoreContext ctx;
    private long maxSeq;
    private long maxPos;
    private byte[] prev;
    /** Null while no chain is pending. */
    private SortedMap<Long, Frontier.Pending> pending;
    /** Null while no entry is damaged. */
    private SortedMap<Long, DamagedEntry> damaged;
    /** The frontier file is behind; the log is queued for the flusher. */
    private boolean dirty;
    /** A write failed part-way: log.bin may hold bytes beyond maxPos that the next record must not inherit. */
    private boolean tailUncertain;
    private boolean repairMarked;
    /** Taken from the store summary and its files not opened since: the first open compares log.bin with it. */
    private boolean unchecked;
    private boolean closed;

    FileFeedLog(FeedId feed, StoreContext ctx, Frontier frontier, SortedMap<Long, DamagedEntry> damaged) {
        this(feed, ctx, frontier.maxSeq(), frontier.maxPos(), frontier.prev(), frontier.pending(), damaged, false);
    }

    FileFeedLog(FeedId feed, StoreContext ctx, long maxSeq, long maxPos, byte[] prev,
            SortedMap<Long, Frontier.Pending> pending, SortedMap<Long, DamagedEntry> damaged, boolean fromSummary) {
        this.feed = feed;
        this.ctx = ctx;
        this.maxSeq = maxSeq;
        this.maxPos = maxPos;
        this.prev = prev;
        this.pending = pending == null || pending.isEmpty() ? null : new TreeMap<>(pending);
        this.damaged = damaged == null || damaged.isEmpty() ? null : new TreeMap<>(damaged);
        this.unchecked = fromSummary;
    }

    @Override
    public FeedId feed() {
        return feed;
    }

    Path dir() {
        return ctx.dir(feed);
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
        return new Frontier(maxSeq, maxPos, prev, pending == null ? new TreeMap<>() : pending);
    }

    @Override
    public synchronized List<PendingChain> pendingChains() {
        if (pending == null) {
            return List.of();
        }
        List<PendingChain> out = new ArrayList<>();
        for (Map.Entry<Long, Frontier.Pending> e : pending.entrySet()) {
            Frontier.Pending p = e.getValue();
            out.add(new PendingChain(e.getKey(), p.nextChunk(), p.missing(), p.expectedHash()));
        }
        return out;
    }

    @Override
    public synchronized long chunkBytesHeld() {
        long slots = (maxPos - maxSeq * LogLayout.recordLength(0)) / LogLayout.PACKET;
        if (pending != null) {
            for (Frontier.Pending p : pending.values()) {
                slots -= p.missing();
            }
        }
        return slots * LogLayout.PACKET;
    }

    @Override
    public synchronized List<DamagedEntry> damagedEntries() {
        return damaged == null ? List.of() : List.copyOf(damaged.values());
    }

    private boolean isDamaged(long seq) {
        return damaged != null && damaged.containsKey(seq);
    }

    // ------------------------------------------------------------------ files

    /** This feed's files, lent by the store until {@link #done}; the first time after a summary start, checked. */
    private FeedFiles files() throws IOException {
        if (closed) {
            throw new IOException("the log is closed");
        }
        FeedFiles f = ctx.handles().acquire(feed);
        if (unchecked) {
            try {
                checkAgainstFolder(f);
            } catch (IOException | RuntimeException e) {
                done(f);
                throw e;
            }
        }
        return f;
    }

    /** The files for a read, or null when they cannot be opened (said once a minute): not damage, nothing is marked. */
    private FeedFiles filesForRead() {
        if (closed) {
            return null;
        }
        try {
            return files();
        } catch (IOException e) {
            ctx.handles().reportOpenFailure(feed, e);
            return null;
        }
    }

    private FeedFiles filesForWrite(String what) throws StoreException {
        try {
            return files();
        } catch (IOException e) {
            throw new StoreException(feed.shortId() + ": cannot " + what + ": the files in " + dir()
                    + " cannot be opened (" + e.getMessage() + ")", e);
        }
    }

    private void done(FeedFiles f) {
        ctx.handles().release(f);
    }

    /**
     * The state came from the store summary: log.bin must be as long as it says. If not, the
     * folder changed while the store was stopped (the reference pub ran on it, or an operator
     * replaced it), and the feed is opened from its folder as at a start without a summary.
     */
    private void checkAgainstFolder(FeedFiles f) throws IOException {
        long size = f.log().size();
        if (size != maxPos) {
            FeedOpener.Recovered r = FeedOpener.recover(ctx, feed, f);
            LOGGER.warn("feed {}: log.bin is {} bytes where the store summary said {}: it changed while the store was "
                    + "stopped; opened from its folder again ({} entries{})", feed.toHex(), size, maxPos,
                    r.frontier().maxSeq(), r.notes().isEmpty() ? "" : "; " + String.join("; ", r.notes()));
            maxSeq = r.frontier().maxSeq();
            maxPos = r.frontier().maxPos();
            prev = r.frontier().prev();
            pending = r.frontier().pending().isEmpty() ? null : r.frontier().pending();
            damaged = r.damaged().isEmpty() ? null : r.damaged();
        }
        unchecked = false;
    }

    // ------------------------------------------------------------------ reads

    @Override
    public synchronized Optional<byte[]> entry(long seq) {
        if (seq < 1 || seq > maxSeq) {
            return Optional.empty();
        }
        FeedFiles f = filesForRead();
        if (f == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(readEntry(f, seq));
        } finally {
            done(f);
        }
    }

    @Override
    public synchronized Optional<byte[]> messageId(long seq) {
        if (seq < 1 || seq > maxSeq) {
            return Optional.empty();
        }
        FeedFiles f = filesForRead();
        if (f == null) {
            return Optional.empty();
        }
        try {
            // the id is the one the entry was checked against; a corrupt entry has none
            return readEntry(f, seq) == null ? Optional.empty() : Optional.of(f.index().messageId(seq));
        } catch (IOException e) {
            readFailed(f, "entry " + seq, e);
            return Optional.empty();
        } finally {
            done(f);
        }
    }

    /** Entry {@code seq}, checked against the hash chain; null if not stored, damaged or found corrupt now. */
    private byte[] readEntry(FeedFiles f, long seq) {
        if (seq < 1 || seq > maxSeq || isDamaged(seq)) {
            return null;
        }
        try {
            return verifiedEntry(f, seq);
        } catch (IOException e) {
            readFailed(f, "entry " + seq, e);
            return null;
        }
    }

    /** The packet of entry {@code seq}, checked against the hash chain; null (and dealt with) if corrupt. */
    private byte[] verifiedEntry(FeedFiles f, long seq) throws IOException {
        if (!indexUpTo(f, seq)) {
            return null;
        }
        long offset = f.index().offset(seq);
        byte[] packet = FileIo.read(f.log(), offset, LogLayout.PACKET);
        byte[] before = prevOf(f, seq);
        byte[] name = EntryName.of(feed, seq, before);
        boolean dmxOk = Arrays.equals(packet, 0, Dmx.LENGTH, Entries.dmx(feed, seq, before), 0, Dmx.LENGTH);
        if (dmxOk && Arrays.equals(Entries.messageId(name, packet), f.index().messageId(seq))) {
            return packet;
        }
        return mismatch(f, seq, offset, packet, before);
    }

    private byte[] prevOf(FeedFiles f, long seq) throws IOException {
        return seq == 1 ? EntryName.genesisPrev(feed) : f.index().messageId(seq - 1);
    }

    /**
     * Entry {@code seq} and its index row disagree. If the packet is authentic (its signature
     * verifies), the row was wrong and is rewritten; if the row is the id the next entry links to,
     * the packet is damaged and is recorded for repair from peers; if neither, the feed is marked
     * for a full repair at the next open.
     */
    private byte[] mismatch(FeedFiles f, long seq, long offset, byte[] packet, byte[] before) throws IOException {
        VerifyingKey key = FeedOpener.verifyingKey(feed);
        try {
            if (key != null) {
                byte[] id = Entries.verify(key, seq, before, packet).messageId();
                f.index().replace(seq, offset, id);
                LOGGER.warn("feed {}: index row of entry {} did not match log.bin; rewritten from the entry",
                        feed.toHex(), seq);
                return packet;
            }
        } catch (CodecException e) {
            // not authentic: the packet itself is damaged
        }
        byte[] expected = f.index().messageId(seq);
        if (linksToSuccessor(f, seq, offset, packet, expected)) {
            if (damaged == null) {
                damaged = new TreeMap<>();
            }
            damaged.put(seq, new DamagedEntry(seq, before, expected));
            DamagedEntries.write(dir(), damaged, ctx.sync() != SyncMode.NEVER);
            LOGGER.error("feed {}: entry {} in {} is corrupt: not served; fetching it again from peers (entries after "
                    + "it stay)", feed.toHex(), seq, dir().resolve(LOG));
            ctx.damage().damaged(feed);
        } else {
            markForRepair("entry " + seq + " does not match the hash chain");
        }
        return null;
    }

    /** Whether {@code id} is the message id entry {@code seq + 1} (or the frontier, for the last entry) links to. */
    private boolean linksToSuccessor(FeedFiles f, long seq, long offset, byte[] packet, byte[] id) throws IOException {
        if (seq == maxSeq) {
            return Arrays.equals(id, prev);
        }
        long next;
        if (f.index().count() > seq) {
            next = f.index().offset(seq + 1);
        } else {
            try {
                next = offset + LogLayout.recordLength(LogLayout.chunkCount(packet));
            } catch (CodecException e) {
                return false;
            }
        }
        if (next + LogLayout.PACKET > maxPos) {
            return false;
        }
        byte[] successor = FileIo.read(f.log(), next, LogLayout.PACKET);
        return Arrays.equals(successor, 0, Dmx.LENGTH, Entries.dmx(feed, seq + 1, id), 0, Dmx.LENGTH);
    }

    @Override
    public synchronized Optional<byte[]> chunk(long seq, int chunkIndex) {
        if (seq < 1 || seq > maxSeq || chunkIndex < 0) {
            return Optional.empty();
        }
        FeedFiles f = filesForRead();
        if (f == null) {
            return Optional.empty();
        }
        try {
            Frontier.Pending p = pending == null ? null : pending.get(seq);
            if (p != null && chunkIndex >= p.nextChunk()) {
                return Optional.empty();
            }
            byte[] packet = readEntry(f, seq);
            if (packet == null) {
                return Optional.empty();
            }
            int count = LogLayout.chunkCount(packet);
            if (chunkIndex >= count) {
                return Optional.empty();
            }
            long start = f.index().offset(seq);
            byte[] chunk = FileIo.read(f.log(), LogLayout.slotOffset(start, chunkIndex), LogLayout.PACKET);
            byte[] pointer = chunkIndex == 0
                    ? Arrays.copyOfRange(packet, ChainHeader.POINTER_PACKET_OFFSET,
                            ChainHeader.POINTER_PACKET_OFFSET + Entries.HASH_LENGTH)
                    : FileIo.read(f.log(), LogLayout.slotOffset(start, chunkIndex - 1) + SideChain.POINTER_OFFSET,
                            Entries.HASH_LENGTH);
            if (!Arrays.equals(SideChain.hash(chunk), pointer)) {
                return reopenChain(f, seq, start, packet, count);
            }
            return Optional.of(chunk);
        } catch (IOException | CodecException e) {
            readFailed(f, "chunk " + chunkIndex + " of entry " + seq, e);
            return Optional.empty();
        } finally {
            done(f);
        }
    }

    /**
     * A chunk of entry {@code seq} does not hash right: the chain is pending again from its first
     * chunk that does not (found from the start: the break may lie before the chunk that was read).
     */
    private Optional<byte[]> reopenChain(FeedFiles f, long seq, long start, byte[] packet, int count)
            throws IOException, CodecException {
        Frontier.Pending from = LogScanner.advanceChain(f.log(), start, 0, count,
                ChainHeader.of(packet).firstPointer());
        if (from == null) {
            return Optional.empty(); // the chain holds after all: the read was torn by a concurrent write
        }
        if (pending == null) {
            pending = new TreeMap<>();
        }
        pending.put(seq, from);
        markDirty();
        LOGGER.error("feed {}: chunk {} of entry {} in {} is corrupt: not served; fetching the chain again from peers",
                feed.toHex(), from.nextChunk(), seq, dir().resolve(LOG));
        ctx.damage().damaged(feed);
        return Optional.empty();
    }

    /**
     * Makes sure the index covers entries 1..{@code seq}, extending it from the log (a folder
     * written by the reference has no index, and after a crash the index may lag the log). Each
     * new row is checked: its entry's DMX must follow from the previous message id.
     */
    private boolean indexUpTo(FeedFiles f, long seq) throws IOException {
        EntryIndex index = f.index();
        while (index.count() < seq) {
            long n = index.count() + 1;
            long start = n == 1 ? 0 : index.offset(n - 1) + recordLengthAt(f, index.offset(n - 1));
            byte[] before = prevOf(f, n);
            byte[] packet = FileIo.read(f.log(), start, LogLayout.PACKET);
            if (!Arrays.equals(packet, 0, Dmx.LENGTH, Entries.dmx(feed, n, before), 0, Dmx.LENGTH)) {
                markForRepair("entry " + n + " does not follow from entry " + (n - 1));
                return false;
            }
            index.put(n, start, Entries.messageId(EntryName.of(feed, n, before), packet));
        }
        return true;
    }

    private long recordLengthAt(FeedFiles f, long start) throws IOException {
        try {
            return LogLayout.recordLength(LogLayout.chunkCount(FileIo.read(f.log(), start, LogLayout.PACKET)));
        } catch (CodecException e) {
            throw new IOException("record at " + start + ": " + e.getMessage());
        }
    }

    /**
     * A read of {@code what} failed. A channel closed under it (a reading thread interrupted, which
     * closes a file channel for all its users; the store closing) says nothing about the data: the
     * files are opened again at the next use and nothing is marked. Anything else is damage.
     */
    private void readFailed(FeedFiles f, String what, Exception e) {
        if (e instanceof java.nio.channels.ClosedChannelException) {
            ctx.handles().discard(feed, f);
            LOGGER.debug("feed {}: a read of {} was cut off ({}): the files are opened again", feed.toHex(), what,
                    e.getClass().getSimpleName());
            return;
        }
        markForRepair(what + " cannot be read (" + e.getMessage() + ")");
    }

    /** Damage that cannot be located while running: reported once, repaired when the store opens the feed next. */
    private void markForRepair(String what) {
        if (repairMarked) {
            return;
        }
        repairMarked = true;
        LOGGER.error("feed {}: {} in {}: not served; the feed will be repaired when the store opens it next",
                feed.toHex(), what, dir().resolve(LOG));
        try {
            Files.writeString(dir().resolve(REPAIR_MARKER), what + "\n");
        } catch (IOException e) {
            LOGGER.error("feed {}: cannot mark it for repair: {}", feed.toHex(), e.toString());
        }
    }

    // ------------------------------------------------------------------ writes

    @Override
    public synchronized void append(long seq, byte[] packet, byte[] messageId, int chunkCount, byte[] firstChunkHash,
            List<byte[]> chunks) throws StoreException {
        if (packet.length != PACKET_LENGTH || messageId.length != HASH_LENGTH || chunkCount < 0
                || chunks.size() > chunkCount || (chunkCount > chunks.size() && chunks.isEmpty()
                && (firstChunkHash == null || firstChunkHash.length != HASH_LENGTH))) {
            throw new StoreException(feed.shortId() + ": malformed append of entry " + seq);
        }
        FeedFiles f = filesForWrite("append entry " + seq);
        try {
            append(f, seq, packet, messageId, chunkCount, firstChunkHash, chunks);
        } finally {
            done(f);
        }
    }

    private void append(FeedFiles f, long seq, byte[] packet, byte[] messageId, int chunkCount, byte[] firstChunkHash,
            List<byte[]> chunks) throws StoreException {
        if (seq != maxSeq + 1) {
            throw new StoreException(feed.shortId() + ": append of entry " + seq + " after " + maxSeq);
        }
        long start = maxPos;
        long length = LogLayout.recordLength(chunkCount);
        if (start + length > LogLayout.MAX_LOG_LENGTH) {
            throw new StoreException(feed.shortId() + ": log.bin would pass the 4 GiB its back pointers address");
        }
        try {
            if (!indexUpTo(f, seq - 1)) {
                throw new StoreException(feed.shortId() + ": cannot append entry " + seq + ": the index of "
                        + dir().resolve(LOG) + " cannot be extended (the log is damaged; it is repaired at the next open)");
            }
            writeRecord(f, start, length, packet, chunks);
            f.index().put(seq, start, messageId);
            forceUnlessGrouped(f);
        } catch (IOException e) {
            tailUncertain = true;
            throw ctx.disk().writeFailed(feed.shortId() + ": cannot write entry " + seq, e);
        }
        ctx.disk().written();
        maxSeq = seq;
        maxPos = start + length;
        prev = messageId.clone();
        int given = chunks.size();
        if (given < chunkCount) {
            byte[] next = given == 0 ? firstChunkHash
                    : Arrays.copyOfRange(chunks.get(given - 1), SideChain.POINTER_OFFSET, LogLayout.PACKET);
            if (pending == null) {
                pending = new TreeMap<>();
            }
            pending.put(seq, new Frontier.Pending(given, chunkCount - given, next.clone(),
                    LogLayout.slotOffset(start, given)));
        }
        markDirty();
    }

    /** The entry and the chunks at hand from {@code start}, the back pointer at the record's end; nothing between. */
    private void writeRecord(FeedFiles f, long start, long length, byte[] packet, List<byte[]> chunks)
            throws IOException {
        if (tailUncertain) {
            f.log().truncate(start); // an earlier failed write must not leave its bytes in this record's slots
            tailUncertain = false;
        }
        FileIo.write(f.log(), LogLayout.head(packet, chunks), start);
        FileIo.write(f.log(), LogLayout.backPointer(start), start + length - LogLayout.BACK_POINTER);
    }

    @Override
    public synchronized void putChunk(long seq, int chunkIndex, byte[] chunk, byte[] nextHash) throws StoreException {
        FeedFiles f = filesForWrite("store chunk " + chunkIndex + " of entry " + seq);
        try {
            Frontier.Pending p = pending == null ? null : pending.get(seq);
            if (p == null || p.nextChunk() != chunkIndex || chunk.length != PACKET_LENGTH) {
                throw new StoreException(feed.shortId() + ": chunk " + chunkIndex + " of entry " + seq
                        + " is not the one expected (" + (p == null ? "chain complete" : "next " + p.nextChunk()) + ")");
            }
            try {
                FileIo.write(f.log(), chunk, p.slotPos());
                forceUnlessGrouped(f);
            } catch (IOException e) {
                throw ctx.disk().writeFailed(feed.shortId() + ": cannot write chunk " + chunkIndex + " of entry " + seq, e);
            }
            ctx.disk().written();
            if (p.missing() == 1) {
                pending.remove(seq);
                if (pending.isEmpty()) {
                    pending = null;
                }
            } else {
                pending.put(seq, new Frontier.Pending(chunkIndex + 1, p.missing() - 1, nextHash.clone(),
                        p.slotPos() + LogLayout.PACKET));
            }
            markDirty();
        } finally {
            done(f);
        }
    }

    /**
     * With ALWAYS, the write is on disk before the call returns, or when the open write group
     * closes; with BATCH, at the next flush. Until then the files say so, and are forced before
     * they close.
     */
    private void forceUnlessGrouped(FeedFiles f) throws IOException {
        if (ctx.sync() == SyncMode.NEVER) {
            return;
        }
        f.unforced = true;
        if (ctx.sync() == SyncMode.ALWAYS && !ctx.group().defer(this)) {
            f.force();
        }
    }

    /** Forces what was written to disk (a write group closes). */
    void force() throws IOException {
        ctx.handles().forceIfOpen(feed);
    }

    @Override
    public synchronized void repairEntry(long seq, byte[] packet) throws StoreException {
        DamagedEntry d = damaged == null ? null : damaged.get(seq);
        if (d == null) {
            throw new StoreException(feed.shortId() + ": entry " + seq + " is not damaged");
        }
        if (packet.length != PACKET_LENGTH
                || !Arrays.equals(Entries.messageId(EntryName.of(feed, seq, d.prev()), packet), d.messageId())) {
            throw new StoreException(feed.shortId() + ": the replacement of entry " + seq + " is not the entry stored");
        }
        FeedFiles f = filesForWrite("write entry " + seq + " back");
        try {
            FileIo.write(f.log(), packet, f.index().offset(seq));
            if (ctx.sync() != SyncMode.NEVER) {
                f.force();
            }
            damaged.remove(seq);
            DamagedEntries.write(dir(), damaged, ctx.sync() != SyncMode.NEVER);
            if (damaged.isEmpty()) {
                damaged = null;
            }
        } catch (IOException e) {
            throw ctx.disk().writeFailed(feed.shortId() + ": cannot write entry " + seq + " back", e);
        } finally {
            done(f);
        }
        LOGGER.info("feed {}: entry {} repaired from a peer's copy", feed.toHex(), seq);
    }

    /** The frontier is behind what the log holds: queued once for the flusher, which touches only such logs. */
    private void markDirty() {
        if (!dirty) {
            dirty = true;
            ctx.unflushed().add(this);
        }
    }

    /**
     * Writes the frontier naming what the log holds, if anything changed. Runs at the store's sync
     * interval and on close. BATCH forces the log, then the frontier: that is its durability.
     * ALWAYS forced the log with every write and leaves the frontier to the operating system (no
     * fsync per feed and interval): one lost to a power cut is caught up from the log on open.
     */
    synchronized void flush() throws StoreException {
        if (!dirty || closed) {
            return; // a closed log flushed as it closed; its folder may be gone (deleted)
        }
        try {
            if (ctx.sync() == SyncMode.BATCH) {
                ctx.handles().forceIfOpen(feed);
            }
            FileIo.replace(dir().resolve(FRONTIER), dir().resolve(FRONTIER_TMP), frontier().encode(),
                    ctx.sync() == SyncMode.BATCH);
            dirty = false;
            ctx.disk().written();
        } catch (IOException e) {
            throw ctx.disk().writeFailed(feed.shortId() + ": cannot write the frontier", e);
        }
    }

    /**
     * What the store summary keeps of this feed; null when the feed must be opened from its folder
     * at the next start (a write failed part-way, damage awaits repair, the frontier is behind).
     */
    synchronized StoreSummary.Feed summary() {
        if (tailUncertain || repairMarked || dirty) {
            return null;
        }
        return new StoreSummary.Feed(feed, maxSeq, maxPos, prev, pending, damaged);
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        IOException failure = null;
        try {
            flush();
        } catch (StoreException e) {
            failure = new IOException(e.getMessage(), e);
        }
        closed = true;
        try {
            ctx.handles().close(feed);
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
