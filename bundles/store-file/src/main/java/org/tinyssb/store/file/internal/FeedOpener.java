package org.tinyssb.store.file.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.store.DamageListener;
import org.tinyssb.api.store.DamagedEntry;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.EntryName;
import org.tinyssb.codec.VerifyingKey;

/**
 * Opens a feed folder. The usual case reads the frontier and checks two file sizes and one index
 * row, whatever the length of the feed. Otherwise, as the reference pub does and stricter:
 * <ul>
 * <li>a log longer than its frontier (a crash between writing a record and naming it) is
 * re-validated record by record (DMX, signature, complete record, back pointer) and adopted or
 * truncated exactly as far as it is valid;</li>
 * <li>chunk slots written before the frontier named them are adopted when they hash right;</li>
 * <li>a frontier that is missing or not the reference's BIPF, a log shorter than the frontier,
 * or a feed a read found corrupt is repaired by scanning the log from the start: the original
 * files are first copied to {@code quarantine/<time>/}, then the log is truncated after the last
 * valid entry and frontier and index are rebuilt.</li>
 * </ul>
 * What was done is returned as notes, one line each, for the log.
 */
final class FeedOpener {
    static final String QUARANTINE = "quarantine";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    /** An open feed and what opening it took. */
    record Opened(FileFeedLog log, List<String> notes) {
    }

    /** What a feed's folder holds, as far as it is valid, and what finding that out took. */
    record Recovered(Frontier frontier, SortedMap<Long, DamagedEntry> damaged, List<String> notes) {
    }

    private FeedOpener() {
    }

    /** Makes the folder of a new, empty feed (the reference's two files plus the index). */
    static FileFeedLog create(StoreContext ctx, FeedId feed) throws IOException {
        Path dir = ctx.dir(feed);
        Files.createDirectories(dir);
        Files.write(dir.resolve(FileFeedLog.LOG), new byte[0]);
        Files.deleteIfExists(dir.resolve(DamagedEntries.FILE));
        FileIo.replace(dir.resolve(FileFeedLog.FRONTIER), dir.resolve(FileFeedLog.FRONTIER_TMP),
                Frontier.empty(EntryName.genesisPrev(feed)).encode(), ctx.sync() != SyncMode.NEVER);
        return open(ctx, feed).log();
    }

    /** Opens the folder {@code dir} of {@code feed} on its own, outside a store (tests, tools). */
    static Opened open(Path dir, FeedId feed, SyncMode sync, Clock clock, DamageListener damage) throws IOException {
        if (!dir.getFileName().toString().equals(feed.toHex())) {
            throw new IllegalArgumentException(dir + " is not the folder of feed " + feed.toHex());
        }
        return open(new StoreContext(dir.getParent(), sync, clock, damage, FeedHandles.DEFAULT_MAX_OPEN), feed);
    }

    /** Opens the folder of {@code feed} in the store; its files go back to the store's cache. */
    static Opened open(StoreContext ctx, FeedId feed) throws IOException {
        Path logFile = ctx.dir(feed).resolve(FileFeedLog.LOG);
        if (!Files.exists(logFile)) {
            Files.write(logFile, new byte[0]);
        }
        FeedFiles files = ctx.handles().acquire(feed);
        try {
            Recovered r = recover(ctx, feed, files);
            return new Opened(new FileFeedLog(feed, ctx, r.frontier(), r.damaged()), r.notes());
        } catch (IOException | RuntimeException e) {
            ctx.handles().release(files);
            files = null;
            closeQuietly(ctx, feed, e);
            throw e;
        } finally {
            if (files != null) {
                ctx.handles().release(files);
            }
        }
    }

    private static void closeQuietly(StoreContext ctx, FeedId feed, Exception cause) {
        try {
            ctx.handles().close(feed); // the folder may be set aside: no file of it may stay open
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Checks the folder of {@code feed} through its open {@code files}: adopts or cuts a tail the
     * frontier does not name, repairs what cannot be trusted; rewrites the frontier when anything
     * changed.
     */
    static Recovered recover(StoreContext ctx, FeedId feed, FeedFiles files) throws IOException {
        Path dir = ctx.dir(feed);
        FileChannel log = files.log();
        EntryIndex index = files.index();
        List<String> notes = new ArrayList<>();
        Frontier frontier;
        Check check = check(dir, feed, log);
        if (check.problem() == null) {
            frontier = adoptTail(log, index, feed, check.frontier(), notes);
            frontier = adoptChunks(log, frontier, notes);
            checkIndex(index, frontier);
        } else {
            frontier = repair(dir, log, index, feed, check.problem(), ctx.clock(), notes);
        }
        SortedMap<Long, DamagedEntry> damaged = DamagedEntries.read(dir, frontier.maxSeq());
        if (!notes.isEmpty()) {
            FileIo.replace(dir.resolve(FileFeedLog.FRONTIER), dir.resolve(FileFeedLog.FRONTIER_TMP),
                    frontier.encode(), ctx.sync() != SyncMode.NEVER);
        }
        if (check.marker()) {
            Files.deleteIfExists(dir.resolve(FileFeedLog.REPAIR_MARKER));
        }
        return new Recovered(frontier, damaged, notes);
    }

    /** The frontier if it can be trusted, else why not. */
    private record Check(Frontier frontier, String problem, boolean marker) {
        Check(Frontier frontier) {
            this(frontier, null, false);
        }

        static Check trouble(String problem) {
            return new Check(null, problem, false);
        }
    }

    private static Check check(Path dir, FeedId feed, FileChannel log) throws IOException {
        Path marker = dir.resolve(FileFeedLog.REPAIR_MARKER);
        if (Files.exists(marker)) {
            return new Check(null, "a read found corrupt data (" + Files.readString(marker).strip() + ")", true);
        }
        Frontier f;
        try {
            f = Frontier.decode(Files.readAllBytes(dir.resolve(FileFeedLog.FRONTIER)));
        } catch (NoSuchFileException e) {
            return log.size() == 0 ? new Check(Frontier.empty(EntryName.genesisPrev(feed)))
                    : Check.trouble("frontier.bin is missing");
        } catch (CodecException e) {
            return Check.trouble("frontier.bin is not a valid frontier (" + e.getMessage() + ")");
        }
        if (f.maxPos() > log.size()) {
            return Check.trouble("log.bin is shorter (" + log.size() + " bytes) than frontier.bin says ("
                    + f.maxPos() + ")");
        }
        if (f.maxSeq() == 0 && (f.maxPos() != 0 || !Arrays.equals(f.prev(), EntryName.genesisPrev(feed)))) {
            return Check.trouble("frontier.bin describes no entry but is not the empty frontier");
        }
        for (Map.Entry<Long, Frontier.Pending> p : f.pending().entrySet()) {
            if (p.getValue().slotPos() + LogLayout.PACKET > f.maxPos()) {
                return Check.trouble("frontier.bin names a chunk slot of entry " + p.getKey() + " outside the log");
            }
        }
        return new Check(f);
    }

    /** A log longer than the frontier: adopt what is valid, truncate the rest. */
    private static Frontier adoptTail(FileChannel log, EntryIndex index, FeedId feed, Frontier f, List<String> notes)
            throws IOException {
        long size = log.size();
        if (size == f.maxPos()) {
            return f;
        }
        // rows for records beyond the frontier are re-validated by the scan; the rest stay (or,
        // if they disagree with the frontier, are rebuilt from the log when next needed)
        checkIndex(index, f);
        EntryIndex rows = index;
        LogScanner.Result r = LogScanner.scan(log, feed, verifyingKey(feed), f.maxSeq() + 1, f.maxPos(), f.prev(),
                (seq, offset, id) -> {
                    if (rows.count() == seq - 1) {
                        rows.put(seq, offset, id);
                    }
                });
        SortedMap<Long, Frontier.Pending> pending = new TreeMap<>(f.pending());
        pending.putAll(r.pending());
        if (r.adopted() > 0) {
            notes.add("adopted entries " + (f.maxSeq() + 1) + ".." + r.maxSeq()
                    + " that were written after the last frontier update");
        }
        if (size > r.maxPos()) {
            log.truncate(r.maxPos());
            notes.add("truncated log.bin after entry " + r.maxSeq() + ": " + (size - r.maxPos()) + " bytes beyond it ("
                    + (r.stoppedBecause() == null ? "incomplete" : r.stoppedBecause()) + ")");
        }
        return new Frontier(r.maxSeq(), r.maxPos(), r.prev(), pending);
    }

    /** Chunks written into their slots before the frontier named them (a crash in between). */
    private static Frontier adoptChunks(FileChannel log, Frontier f, List<String> notes) throws IOException {
        SortedMap<Long, Frontier.Pending> pending = new TreeMap<>();
        int adopted = 0;
        for (Map.Entry<Long, Frontier.Pending> e : f.pending().entrySet()) {
            Frontier.Pending p = e.getValue();
            long recordStart = p.slotPos() - (long) LogLayout.PACKET * (1 + p.nextChunk());
            Frontier.Pending now = LogScanner.advanceChain(log, recordStart, p.nextChunk(),
                    p.nextChunk() + p.missing(), p.expectedHash());
            int before = p.missing();
            int after = now == null ? 0 : now.missing();
            adopted += before - after;
            if (now != null) {
                pending.put(e.getKey(), now);
            }
        }
        if (adopted > 0) {
            notes.add("adopted " + adopted + " side-chain chunks written after the last frontier update");
        }
        return new Frontier(f.maxSeq(), f.maxPos(), f.prev(), pending);
    }

    /** Drops index rows beyond the frontier; starts the index over if it disagrees with the frontier. */
    private static void checkIndex(EntryIndex index, Frontier f) throws IOException {
        if (index.count() > f.maxSeq()) {
            index.truncate(f.maxSeq());
        }
        if (index.count() == f.maxSeq() && f.maxSeq() > 0 && !Arrays.equals(index.messageId(f.maxSeq()), f.prev())) {
            index.truncate(0);
        }
    }

    /** Rebuilds the feed from the start of its log, keeping the original files aside when anything is cut. */
    private static Frontier repair(Path dir, FileChannel log, EntryIndex index, FeedId feed, String problem,
            Clock clock, List<String> notes) throws IOException {
        long size = log.size();
        index.truncate(0);
        LogScanner.Result r = LogScanner.scan(log, feed, verifyingKey(feed), 1, 0, EntryName.genesisPrev(feed),
                index::put);
        if (size > r.maxPos()) {
            Path kept = quarantine(dir, clock);
            log.truncate(r.maxPos());
            notes.add(problem + "; log.bin is valid up to entry " + r.maxSeq() + " ("
                    + (r.stoppedBecause() == null ? "then incomplete" : r.stoppedBecause())
                    + "): truncated there, original files kept in " + kept);
        } else {
            notes.add(problem + "; rebuilt frontier.bin from log.bin (" + r.maxSeq() + " entries, all valid)");
        }
        return new Frontier(r.maxSeq(), r.maxPos(), r.prev(), r.pending());
    }

    private static Path quarantine(Path dir, Clock clock) throws IOException {
        Path target = dir.resolve(QUARANTINE).resolve(STAMP.format(clock.instant()));
        Files.createDirectories(target);
        for (String name : List.of(FileFeedLog.LOG, FileFeedLog.FRONTIER, EntryIndex.FILE)) {
            Path f = dir.resolve(name);
            if (Files.exists(f)) {
                Files.copy(f, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    static VerifyingKey verifyingKey(FeedId feed) {
        try {
            return VerifyingKey.of(feed);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
