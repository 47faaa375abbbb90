package org.tinyssb.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * A CHNK vector: {@code CHNK DMX || BIPF [[feed index, seq, chunk number], ...]}: the sender wants
 * chunk {@code chunk number} (0-based) and the following ones of entry {@code seq}'s side chain.
 */
public record ChunkVector(List<Request> requests) {
    /** One wanted side-chain position. */
    public record Request(int feedIndex, long seq, int chunk) {
        /** The BIPF list this request is on the wire. */
        public List<Object> asList() {
            return List.of((long) feedIndex, seq, (long) chunk);
        }
    }

    public ChunkVector {
        requests = List.copyOf(requests);
    }

    public byte[] encode(byte[] dmx) {
        List<Object> list = new ArrayList<>(requests.size());
        for (Request r : requests) {
            list.add(r.asList());
        }
        return VectorBodies.withDmx(dmx, Bipf.encode(list));
    }

    /** Decodes a packet whose DMX has been recognised as a CHNK DMX. */
    public static ChunkVector decode(byte[] packet) throws CodecException {
        List<Request> requests = new ArrayList<>();
        for (Object o : VectorBodies.list(packet, "CHNK")) {
            if (!(o instanceof List<?> t) || t.size() != 3) {
                throw new CodecException("CHNK element is not [feed index, seq, chunk]: " + o);
            }
            long feed = VectorBodies.nonNegative(t.get(0), "CHNK feed index");
            long seq = VectorBodies.nonNegative(t.get(1), "CHNK sequence number");
            long chunk = VectorBodies.nonNegative(t.get(2), "CHNK chunk number");
            if (feed > Integer.MAX_VALUE || chunk > Integer.MAX_VALUE) {
                throw new CodecException("CHNK element out of range: " + o);
            }
            requests.add(new Request((int) feed, seq, (int) chunk));
        }
        return new ChunkVector(requests);
    }
}
