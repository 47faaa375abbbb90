package org.tinyssb.codec;

import java.util.Arrays;
import java.util.List;

/**
 * Content of any length to entry payload and side chain, and back. Content of exactly 48 bytes
 * is a plain48 entry; anything else is a chain20 entry (with as many chunks as it needs).
 */
public final class EntryContentCodec {
    private EntryContentCodec() {
    }

    /**
     * What to sign and send for one content.
     *
     * @param type    entry type
     * @param payload the entry's 48-byte payload
     * @param chunks  the side chain, in chain order (empty for plain48 and short chain20)
     */
    public record Encoded(int type, byte[] payload, List<byte[]> chunks) {
    }

    public static Encoded encode(byte[] content) {
        if (content.length == Entries.PAYLOAD_LENGTH) {
            return new Encoded(Entries.TYPE_PLAIN48, content.clone(), List.of());
        }
        byte[] payload = new byte[Entries.PAYLOAD_LENGTH];
        int v = Varint.write(content.length, payload, 0);
        int room = ChainHeader.POINTER_OFFSET - v;
        int inline = Math.min(room, content.length);
        System.arraycopy(content, 0, payload, v, inline);
        List<byte[]> chunks = SideChain.build(Arrays.copyOfRange(content, inline, content.length));
        System.arraycopy(SideChain.firstPointer(chunks), 0, payload, ChainHeader.POINTER_OFFSET,
                Entries.HASH_LENGTH);
        return new Encoded(Entries.TYPE_CHAIN20, payload, List.copyOf(chunks));
    }

    /**
     * The content bytes held: all of it when every chunk is given, else the prefix up to the first
     * missing chunk.
     *
     * @param packet the entry packet
     * @param chunks the first chunks of its side chain, in order (may be fewer than announced)
     */
    public static byte[] decode(byte[] packet, List<byte[]> chunks) throws CodecException {
        int type = packet[Entries.TYPE_OFFSET] & 0xFF;
        if (type == Entries.TYPE_PLAIN48) {
            return Arrays.copyOfRange(packet, Entries.PAYLOAD_OFFSET, Entries.SIGNED_LENGTH);
        }
        if (type != Entries.TYPE_CHAIN20) {
            throw new CodecException("unknown entry type " + type);
        }
        ChainHeader h = ChainHeader.of(packet);
        int used = Math.min(chunks.size(), h.chunkCount());
        long held = Math.min(h.length(), h.inline().length + (long) used * SideChain.CONTENT_LENGTH);
        byte[] out = new byte[(int) held];
        byte[] inline = h.inline();
        System.arraycopy(inline, 0, out, 0, inline.length);
        int pos = inline.length;
        for (int i = 0; i < used && pos < out.length; i++) {
            int n = Math.min(SideChain.CONTENT_LENGTH, out.length - pos);
            System.arraycopy(chunks.get(i), 0, out, pos, n);
            pos += n;
        }
        return out;
    }

    /** Full content length an entry declares (48 for plain48). */
    public static long declaredLength(byte[] packet) throws CodecException {
        int type = packet[Entries.TYPE_OFFSET] & 0xFF;
        return type == Entries.TYPE_PLAIN48 ? Entries.PAYLOAD_LENGTH : ChainHeader.of(packet).length();
    }
}
