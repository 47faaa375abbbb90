package org.tinyssb.store.file.internal;

import java.util.List;
import org.tinyssb.codec.ChainHeader;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Entries;

/**
 * The record layout of {@code log.bin}: {@code entry (120) || one 120-byte slot per side-chain
 * chunk || start offset of the record (4 bytes, big-endian)}.
 */
final class LogLayout {
    static final int PACKET = org.tinyssb.api.Wire.PACKET_LENGTH;
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

    /** The start of a record: the entry and the first {@code chunks.size()} chunks (the slots after them stay unwritten). */
    static byte[] head(byte[] entry, List<byte[]> chunks) {
        byte[] h = new byte[PACKET * (1 + chunks.size())];
        System.arraycopy(entry, 0, h, 0, PACKET);
        for (int i = 0; i < chunks.size(); i++) {
            System.arraycopy(chunks.get(i), 0, h, PACKET * (1 + i), PACKET);
        }
        return h;
    }

    /** The last 4 bytes of the record starting at {@code start}. */
    static byte[] backPointer(long start) {
        return new byte[] {(byte) (start >>> 24), (byte) (start >>> 16), (byte) (start >>> 8), (byte) start};
    }

    static long backPointer(byte[] fourBytes) {
        return ((fourBytes[0] & 0xFFL) << 24) | ((fourBytes[1] & 0xFFL) << 16) | ((fourBytes[2] & 0xFFL) << 8)
                | (fourBytes[3] & 0xFFL);
    }
}
