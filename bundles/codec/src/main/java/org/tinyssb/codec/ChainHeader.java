package org.tinyssb.codec;

import java.util.Arrays;

/**
 * The payload of a chain20 entry: {@code varint(L) || first content bytes (to payload byte 28) ||
 * pointer (20)}. The content bytes that do not fit, {@code L - (28 - |varint(L)|)}, travel in
 * {@link #chunkCount()} side-chain chunks of 100 bytes.
 *
 * @param length       full content length {@code L}
 * @param inline       the content bytes held in the entry (at most {@code 28 - |varint(L)|})
 * @param firstPointer hash of the first chunk (20 zero bytes when there is none)
 * @param chunkCount   number of chunks in the side chain
 */
public record ChainHeader(long length, byte[] inline, byte[] firstPointer, int chunkCount) {
    /** Payload offset of the pointer: content and length share the first 28 bytes. */
    public static final int POINTER_OFFSET = 28;
    /** Packet offset of the pointer (36..55). */
    public static final int POINTER_PACKET_OFFSET = Entries.PAYLOAD_OFFSET + POINTER_OFFSET;
    /** Longest content this implementation decodes: chunk counts stay ints. */
    public static final long MAX_LENGTH = (long) Integer.MAX_VALUE;

    /** Parses the header of a chain20 entry packet (120 bytes). */
    public static ChainHeader of(byte[] packet) throws CodecException {
        int start = Entries.PAYLOAD_OFFSET;
        Varint.Decoded v = Varint.decode(packet, start, start + POINTER_OFFSET);
        long length = v.value();
        if (length < 0 || length > MAX_LENGTH) {
            throw new CodecException("content length " + Long.toUnsignedString(length)
                    + " beyond " + MAX_LENGTH);
        }
        int room = POINTER_OFFSET - v.length();
        int inlineLength = (int) Math.min(length, room);
        byte[] inline = Arrays.copyOfRange(packet, start + v.length(), start + v.length() + inlineLength);
        byte[] pointer = Arrays.copyOfRange(packet, POINTER_PACKET_OFFSET,
                POINTER_PACKET_OFFSET + Entries.HASH_LENGTH);
        return new ChainHeader(length, inline, pointer, chunkCount(length, v.length()));
    }

    /** {@code ceil((L - (28 - varintLength)) / 100)} when positive, else 0. */
    public static int chunkCount(long length, int varintLength) {
        long rest = length - (POINTER_OFFSET - varintLength);
        return rest <= 0 ? 0 : (int) ((rest + SideChain.CONTENT_LENGTH - 1) / SideChain.CONTENT_LENGTH);
    }

    @Override
    public byte[] inline() {
        return inline.clone();
    }

    @Override
    public byte[] firstPointer() {
        return firstPointer.clone();
    }
}
