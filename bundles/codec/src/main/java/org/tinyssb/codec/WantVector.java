package org.tinyssb.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * A WANT vector: {@code WANT DMX || BIPF [offset, s0, s1, ...]}: {@code si} is the next sequence
 * number the sender wants of the feed at GOset index {@code (offset + i) mod |GOset|}.
 *
 * @param offset   GOset index of the first feed
 * @param nextSeqs next wanted sequence number per feed, from {@code offset} on
 */
public record WantVector(int offset, List<Long> nextSeqs) {
    public WantVector {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        nextSeqs = List.copyOf(nextSeqs);
    }

    public byte[] encode(byte[] dmx) {
        List<Object> list = new ArrayList<>(nextSeqs.size() + 1);
        list.add((long) offset);
        list.addAll(nextSeqs);
        return VectorBodies.withDmx(dmx, Bipf.encode(list));
    }

    /** Decodes a packet whose DMX has been recognised as a WANT DMX. */
    public static WantVector decode(byte[] packet) throws CodecException {
        List<?> list = VectorBodies.list(packet, "WANT");
        if (list.isEmpty()) {
            throw new CodecException("WANT vector without offset");
        }
        long offset = VectorBodies.nonNegative(list.get(0), "WANT offset");
        if (offset > Integer.MAX_VALUE) {
            throw new CodecException("WANT offset " + offset + " too large");
        }
        List<Long> seqs = new ArrayList<>(list.size() - 1);
        for (Object o : list.subList(1, list.size())) {
            seqs.add(VectorBodies.nonNegative(o, "WANT sequence number"));
        }
        return new WantVector((int) offset, seqs);
    }
}
