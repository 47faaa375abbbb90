package org.tinyssb.store.file.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.tinyssb.codec.Entries;

/**
 * {@code tinyssb-index.bin}: for entry {@code seq}, the offset of its record in log.bin and its
 * message id, 24 bytes per entry after an 8-byte header. It makes opening a feed independent of its
 * length and lets every read be checked against the hash chain. Derived data: when it is missing
 * or does not match the log, it is rebuilt from the log. The reference pub ignores it.
 */
final class EntryIndex implements AutoCloseable {
    static final String FILE = "tinyssb-index.bin";
    private static final byte[] MAGIC = "TSSBIDX1".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length;
    private static final int ROW = 4 + Entries.HASH_LENGTH;

    private final FileChannel ch;
    private long count;

    private EntryIndex(FileChannel ch, long count) {
        this.ch = ch;
        this.count = count;
    }

    /** Opens (or starts) the index; one with a foreign header starts over, empty. */
    static EntryIndex open(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long size = ch.size();
        if (size < HEADER || !Arrays.equals(FileIo.read(ch, 0, HEADER), MAGIC)) {
            ch.truncate(0);
            FileIo.write(ch, MAGIC, 0);
            return new EntryIndex(ch, 0);
        }
        return new EntryIndex(ch, (size - HEADER) / ROW);
    }

    /** Entries indexed: 1..count. */
    long count() {
        return count;
    }

    long offset(long seq) throws IOException {
        return LogLayout.backPointer(FileIo.read(ch, row(seq), 4));
    }

    byte[] messageId(long seq) throws IOException {
        return FileIo.read(ch, row(seq) + 4, Entries.HASH_LENGTH);
    }

    /** Records entry {@code seq}, which must be {@code count() + 1} (or earlier: later rows are dropped). */
    void put(long seq, long offset, byte[] messageId) throws IOException {
        if (seq > count + 1) {
            throw new IllegalStateException("index row " + seq + " after " + count);
        }
        FileIo.write(ch, row(offset, messageId), row(seq));
        if (seq <= count) {
            truncate(seq);
        }
        count = seq;
    }

    /** Rewrites the row of an indexed entry in place (its successors' rows stay). */
    void replace(long seq, long offset, byte[] messageId) throws IOException {
        if (seq < 1 || seq > count) {
            throw new IllegalArgumentException("index row " + seq + " of " + count);
        }
        FileIo.write(ch, row(offset, messageId), row(seq));
    }

    /** Keeps entries 1..{@code keep}. */
    void truncate(long keep) throws IOException {
        ch.truncate(HEADER + keep * ROW);
        count = keep;
    }

    void force() throws IOException {
        ch.force(false);
    }

    private static byte[] row(long offset, byte[] messageId) {
        byte[] r = new byte[ROW];
        System.arraycopy(LogLayout.backPointer(offset), 0, r, 0, 4);
        System.arraycopy(messageId, 0, r, 4, Entries.HASH_LENGTH);
        return r;
    }

    private static long row(long seq) {
        return HEADER + (seq - 1) * ROW;
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
