package org.tinyssb.store.file.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.ChainHeader;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.EntryRejectedException;
import org.tinyssb.codec.LogEntry;
import org.tinyssb.codec.SideChain;
import org.tinyssb.codec.VerifyingKey;

/**
 * Walks log.bin forward from a known-good point and accepts records only as far as they are
 * valid: the entry verifies (DMX for its sequence number and its predecessor, Ed25519 signature),
 * the whole record is in the file and its back pointer names its start. Chunk slots are accepted
 * as far as their hash chain holds; the rest of a chain is pending.
 */
final class LogScanner {
    /** Where a scan ended, and why. */
    record Result(long maxSeq, long maxPos, byte[] prev, SortedMap<Long, Frontier.Pending> pending,
            long adopted, String stoppedBecause) {
    }

    /** Receives the index row of every accepted entry. */
    @FunctionalInterface
    interface RowSink {
        void accept(long seq, long offset, byte[] messageId) throws IOException;
    }

    private LogScanner() {
    }

    /**
     * Scans from entry {@code seq} at {@code pos} (whose predecessor has message id {@code prev})
     * to the end of the file or the first invalid record.
     *
     * @param key the feed's verifying key; null when the feed id is not a valid key (nothing verifies)
     */
    static Result scan(FileChannel log, FeedId feed, VerifyingKey key, long seq, long pos, byte[] prev,
            RowSink rows) throws IOException {
        long size = log.size();
        SortedMap<Long, Frontier.Pending> pending = new TreeMap<>();
        long adopted = 0;
        String stop = null;
        while (stop == null) {
            if (size - pos < LogLayout.PACKET) {
                stop = size == pos ? null : (size - pos) + " bytes of an incomplete entry";
                break;
            }
            byte[] packet = FileIo.read(log, pos, LogLayout.PACKET);
            LogEntry entry;
            int chunks;
            try {
                if (key == null) {
                    throw new EntryRejectedException(EntryRejectedException.Reason.BAD_SIGNATURE,
                            "the feed id is not a valid Ed25519 key");
                }
                entry = Entries.verify(key, seq, prev, packet);
                chunks = LogLayout.chunkCount(packet);
            } catch (CodecException e) {
                stop = "entry " + seq + " is invalid (" + e.getMessage() + ")";
                break;
            }
            long length = LogLayout.recordLength(chunks);
            if (size - pos < length) {
                stop = "the record of entry " + seq + " is incomplete";
                break;
            }
            long back = LogLayout.backPointer(FileIo.read(log, pos + length - LogLayout.BACK_POINTER,
                    LogLayout.BACK_POINTER));
            if (back != pos) {
                stop = "the record of entry " + seq + " ends with a wrong back pointer";
                break;
            }
            if (chunks > 0) {
                Frontier.Pending p = chainState(log, packet, pos, chunks);
                if (p != null) {
                    pending.put(seq, p);
                }
            }
            rows.accept(seq, pos, entry.messageId());
            prev = entry.messageId();
            pos += length;
            seq++;
            adopted++;
        }
        return new Result(seq - 1, pos, prev, pending, adopted, stop);
    }

    /** How far the chunk slots of a record hold their hash chain; null when the chain is complete. */
    static Frontier.Pending chainState(FileChannel log, byte[] packet, long recordStart, int chunks)
            throws IOException {
        byte[] expected;
        try {
            expected = ChainHeader.of(packet).firstPointer();
        } catch (CodecException e) {
            throw new IllegalStateException("a verified entry has a broken chain header", e);
        }
        return advanceChain(log, recordStart, 0, chunks, expected);
    }

    /**
     * Follows filled slots from chunk {@code next} while they hash to what the chain expects;
     * returns what is still pending, or null when every chunk is there.
     */
    static Frontier.Pending advanceChain(FileChannel log, long recordStart, int next, int chunks, byte[] expected)
            throws IOException {
        for (int c = next; c < chunks; c++) {
            long slot = LogLayout.slotOffset(recordStart, c);
            byte[] chunk = FileIo.read(log, slot, LogLayout.PACKET);
            if (!Arrays.equals(SideChain.hash(chunk), expected)) {
                return new Frontier.Pending(c, chunks - c, expected, slot);
            }
            expected = SideChain.nextPointer(chunk);
        }
        return null;
    }
}
