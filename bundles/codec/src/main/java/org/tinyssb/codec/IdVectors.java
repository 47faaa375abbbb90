package org.tinyssb.codec;

import java.util.ArrayList;
import java.util.List;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.Wire;

/**
 * Vectors that name feeds by id instead of by GOset index: an extension of this node, not of the
 * reference (which ignores their DMX), so that peers replicate feeds whatever their GOsets hold
 * (beyond 255 feeds, with a GOset full of spam, with peers that disagree on it). Fixed layouts,
 * at most one packet:
 *
 * <pre>
 * WANT-by-id: DMX (7) | count (1) | count x ( feed prefix (8) | next seq wanted (4) )     count 1..9
 * CHNK-by-id: DMX (7) | count (1) | count x ( feed prefix (8) | seq (4) | chunk (2) )    count 1..8
 * </pre>
 *
 * A feed prefix is the first 8 bytes of its id, big-endian: finding a key with a chosen prefix
 * takes 2^64 key generations. Numbers are big-endian and unsigned; sequence numbers stay below
 * 2^31 (the ESP32 firmware reads numbers into signed 32-bit ints, should one ever decode these).
 */
public final class IdVectors {
    public static final int MAX_WANTS = 9;
    public static final int MAX_CHUNK_REQUESTS = 8;
    private static final int HEADER = Dmx.LENGTH + 1;
    private static final int WANT_ROW = 8 + 4;
    private static final int CHUNK_ROW = 8 + 4 + 2;

    private IdVectors() {
    }

    /** One feed's next wanted entry. */
    public record Want(long feedPrefix, long nextSeq) {
        public Want {
            if (nextSeq < 1 || nextSeq > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("sequence number out of range: " + nextSeq);
            }
        }
    }

    /** One side chain's next wanted chunk. */
    public record ChunkRequest(long feedPrefix, long seq, int chunk) {
        public ChunkRequest {
            if (seq < 1 || seq > Integer.MAX_VALUE || chunk < 0 || chunk > 0xFFFF) {
                throw new IllegalArgumentException("chunk request out of range: " + seq + "/" + chunk);
            }
        }
    }

    /** The first 8 bytes of {@code feed}'s id as a number. */
    public static long prefix(FeedId feed) {
        return BigEndian.get(feed.toBytes(), 0, 8);
    }

    public static byte[] encodeWants(List<Want> wants) {
        if (wants.isEmpty() || wants.size() > MAX_WANTS) {
            throw new IllegalArgumentException("1.." + MAX_WANTS + " wants per packet, not " + wants.size());
        }
        byte[] p = header(Dmx.wantById(), wants.size(), WANT_ROW);
        int at = HEADER;
        for (Want w : wants) {
            at = BigEndian.put(p, at, w.feedPrefix(), 8);
            at = BigEndian.put(p, at, w.nextSeq(), 4);
        }
        return p;
    }

    public static byte[] encodeChunkRequests(List<ChunkRequest> requests) {
        if (requests.isEmpty() || requests.size() > MAX_CHUNK_REQUESTS) {
            throw new IllegalArgumentException("1.." + MAX_CHUNK_REQUESTS + " requests per packet, not " + requests.size());
        }
        byte[] p = header(Dmx.chunkById(), requests.size(), CHUNK_ROW);
        int at = HEADER;
        for (ChunkRequest r : requests) {
            at = BigEndian.put(p, at, r.feedPrefix(), 8);
            at = BigEndian.put(p, at, r.seq(), 4);
            at = BigEndian.put(p, at, r.chunk(), 2);
        }
        return p;
    }

    /** Decodes a packet whose DMX is the WANT-by-id DMX. */
    public static List<Want> decodeWants(byte[] packet) throws CodecException {
        int n = rows(packet, WANT_ROW, MAX_WANTS, "WANT-by-id");
        List<Want> out = new ArrayList<>(n);
        for (int i = 0, at = HEADER; i < n; i++, at += WANT_ROW) {
            long seq = BigEndian.get(packet, at + 8, 4);
            if (seq < 1 || seq > Integer.MAX_VALUE) {
                throw new CodecException("WANT-by-id sequence number out of range: " + seq);
            }
            out.add(new Want(BigEndian.get(packet, at, 8), seq));
        }
        return out;
    }

    /** Decodes a packet whose DMX is the CHNK-by-id DMX. */
    public static List<ChunkRequest> decodeChunkRequests(byte[] packet) throws CodecException {
        int n = rows(packet, CHUNK_ROW, MAX_CHUNK_REQUESTS, "CHNK-by-id");
        List<ChunkRequest> out = new ArrayList<>(n);
        for (int i = 0, at = HEADER; i < n; i++, at += CHUNK_ROW) {
            long seq = BigEndian.get(packet, at + 8, 4);
            if (seq < 1 || seq > Integer.MAX_VALUE) {
                throw new CodecException("CHNK-by-id sequence number out of range: " + seq);
            }
            out.add(new ChunkRequest(BigEndian.get(packet, at, 8), seq, (int) BigEndian.get(packet, at + 12, 2)));
        }
        return out;
    }

    private static int rows(byte[] packet, int row, int max, String what) throws CodecException {
        if (packet.length < HEADER || packet.length > Wire.PACKET_LENGTH) {
            throw new CodecException(what + " packet of " + packet.length + " bytes");
        }
        int n = packet[Dmx.LENGTH] & 0xFF;
        if (n < 1 || n > max || packet.length != HEADER + n * row) {
            throw new CodecException(what + " packet of " + packet.length + " bytes does not hold " + n + " rows");
        }
        return n;
    }

    private static byte[] header(byte[] dmx, int count, int row) {
        byte[] p = new byte[HEADER + count * row];
        System.arraycopy(dmx, 0, p, 0, Dmx.LENGTH);
        p[Dmx.LENGTH] = (byte) count;
        return p;
    }
}
