package org.tinyssb.store.file.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tinyssb.codec.Bipf;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Entries;

/**
 * The content of {@code frontier.bin}: a BIPF dictionary describing the end of {@code log.bin}, in
 * the reference pub's exact form (keys {@code pend_sc}, {@code max_seq}, {@code max_pos},
 * {@code prev}, in that order, so that files are byte-identical).
 *
 * @param maxSeq  highest entry stored (0 for an empty feed)
 * @param maxPos  length of log.bin up to the end of the last complete record
 * @param prev    message id of entry maxSeq (the feed id's first 20 bytes when empty)
 * @param pending incomplete side chains by entry
 */
record Frontier(long maxSeq, long maxPos, byte[] prev, SortedMap<Long, Pending> pending) {
    static final String PENDING_KEY = "pend_sc";
    static final String MAX_SEQ_KEY = "max_seq";
    static final String MAX_POS_KEY = "max_pos";
    static final String PREV_KEY = "prev";

    /**
     * One incomplete side chain: {@code [next chunk number, chunks still missing, expected hash of
     * the next chunk, file offset of the next chunk slot]}.
     */
    record Pending(int nextChunk, int missing, byte[] expectedHash, long slotPos) {
        List<Object> toBipf() {
            return List.of((long) nextChunk, (long) missing, expectedHash, slotPos);
        }
    }

    Frontier {
        pending = new TreeMap<>(pending);
    }

    static Frontier empty(byte[] genesisPrev) {
        return new Frontier(0, 0, genesisPrev, new TreeMap<>());
    }

    byte[] encode() {
        Map<Object, Object> pend = new LinkedHashMap<>();
        pending.forEach((seq, p) -> pend.put(seq, p.toBipf()));
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put(PENDING_KEY, pend);
        dict.put(MAX_SEQ_KEY, maxSeq);
        dict.put(MAX_POS_KEY, maxPos);
        dict.put(PREV_KEY, prev);
        return Bipf.encode(dict);
    }

    /** Decodes and checks a frontier file; anything not of the reference's form is a {@link CodecException}. */
    static Frontier decode(byte[] file) throws CodecException {
        if (!(Bipf.decode(file) instanceof Map<?, ?> dict)) {
            throw new CodecException("not a BIPF dictionary");
        }
        long maxSeq = nonNegative(dict.get(MAX_SEQ_KEY), MAX_SEQ_KEY);
        long maxPos = nonNegative(dict.get(MAX_POS_KEY), MAX_POS_KEY);
        if (!(dict.get(PREV_KEY) instanceof byte[] prev) || prev.length != Entries.HASH_LENGTH) {
            throw new CodecException("'prev' is not 20 bytes");
        }
        SortedMap<Long, Pending> pending = new TreeMap<>();
        Object p = dict.get(PENDING_KEY);
        if (p != null) {
            if (!(p instanceof Map<?, ?> pend)) {
                throw new CodecException("'pend_sc' is not a dictionary");
            }
            for (Map.Entry<?, ?> e : pend.entrySet()) {
                long seq = nonNegative(e.getKey(), "pend_sc key");
                if (!(e.getValue() instanceof List<?> v) || v.size() != 4 || !(v.get(2) instanceof byte[] hash)
                        || hash.length != Entries.HASH_LENGTH) {
                    throw new CodecException("pend_sc entry of " + seq + " is not [next, missing, hash, pos]");
                }
                long next = nonNegative(v.get(0), "next chunk");
                long missing = nonNegative(v.get(1), "missing chunks");
                if (seq < 1 || seq > maxSeq || missing < 1 || next > Integer.MAX_VALUE || missing > Integer.MAX_VALUE) {
                    throw new CodecException("pend_sc entry of " + seq + " out of range");
                }
                pending.put(seq, new Pending((int) next, (int) missing, hash, nonNegative(v.get(3), "slot offset")));
            }
        }
        return new Frontier(maxSeq, maxPos, prev, pending);
    }

    private static long nonNegative(Object o, String what) throws CodecException {
        if (!(o instanceof Long n) || n < 0) {
            throw new CodecException("'" + what + "' is not a non-negative integer: " + o);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frontier f && Arrays.equals(encode(), f.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }
}
