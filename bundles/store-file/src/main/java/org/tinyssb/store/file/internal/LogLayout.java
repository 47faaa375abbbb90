package org.tinyssb.store.file.internal;

import org.tinyssb.codec.ChainHeader;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Entries;

/**
 * The record layout of {@code log.bin}: {@code entry (120) || one 120-byte slot per side-chain
 * chunk || start offset of the record (4 bytes, big-endian)}.
 */
final class LogLayout {
    static final int PACKET = 120;
    static final int BACK_POINTER = 4;
    /** Largest log.bin the 4-byte back pointer can address. */
    static final long MAX_LOG_LENGTH = 0xFFFF_FFFFL;

    private LogLayout() {
    }

    /** Side-chain chunks an entry announces (0 for plain48). */
    static int chunkCount(byte[] entry) throws CodecException {
        int type = entry[Entries.TYPE_OFFSET] & 0xFF;
        if (type == Entries.TYPE_PLAIN48) {
            return 0;
        }
        if (type != Entries.TYPE_CHAIN20) {
            throw new CodecException("unknown entry type " + type);
        }
        return ChainHeader.of(entry).chunkCount();
    }

    static long recordLength(int chunkCount) {
        return (long) PACKET * (1 + chunkCount) + BACK_POINTER;
    }

    /** File offset of chunk slot {@code index} of the record starting at {@code recordStart}. */
    static long slotOffset(long recordStart, int index) {
        return recordStart + (long) PACKET * (1 + index);
    }

    /** The record of an entry with the first {@code chunks.length} chunk slots filled, the rest zero. */
    static byte[] record(byte[] entry, int chunkCount, java.util.List<byte[]> chunks, long start) {
        byte[] r = new byte[(int) recordLength(chunkCount)];
        System.arraycopy(entry, 0, r, 0, PACKET);
        for (int i = 0; i < chunks.size(); i++) {
            System.arraycopy(chunks.get(i), 0, r, PACKET * (1 + i), PACKET);
        }
        int b = r.length - BACK_POINTER;
        r[b] = (byte) (start >>> 24);
        r[b + 1] = (byte) (start >>> 16);
        r[b + 2] = (byte) (start >>> 8);
        r[b + 3] = (byte) start;
        return r;
    }

    static long backPointer(byte[] fourBytes) {
        return ((fourBytes[0] & 0xFFL) << 24) | ((fourBytes[1] & 0xFFL) << 16) | ((fourBytes[2] & 0xFFL) << 8)
                | (fourBytes[3] & 0xFFL);
    }
}
