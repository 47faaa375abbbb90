package org.tinyssb.codec;

import java.util.ArrayList;
import java.util.List;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.Wire;

/**
 * Feed pages: how a node learns which feeds a peer holds and how far, beyond any GOset, an
 * extension of this node (see docs/protocol-extensions.md). A holder numbers the changes of its
 * feeds with a counter (the feed's <i>change tick</i> is the counter's value when it last grew) and
 * lists them in pages ordered by change tick, newest changes first or oldest first from a cursor,
 * so an asker that walks them learns every feed, news first, and afterwards only what changed.
 *
 * <pre>
 * request: DMX (7) | epoch (4) | order (1) | cursor (4) | pages (1)                          17 bytes
 * page:    DMX (7) | flags (1) | cursor (4) | rows x ( feed id (32) | height (4) )    12 + 36 x rows, rows 0..3
 * epoch:   DMX (7) | flags (1) = 0x10 | epoch (4) | top (4)                                   16 bytes
 * </pre>
 *
 * A request asks for up to {@value #MAX_PAGES} pages of feeds whose change tick is above the cursor,
 * oldest change first ({@link Order#NEWER}), or below it, newest change first ({@link Order#OLDER}),
 * under the holder's epoch: a holder whose epoch differs (it restarted and numbered its feeds anew,
 * or the asker sent 0: it does not know the epoch yet) answers with an epoch packet naming its epoch
 * and its counter's top instead. A page's cursor is the change tick of its last row (for the next
 * request); its flags hold the row count (bits 0-1), the order (bit 2: older), whether nothing
 * more follows that way (bit 3), and whether it is the last page answering the request (bit 5: the
 * holder may send fewer pages than asked for; bit 3 implies it). Numbers are big-endian and
 * unsigned; a height stays below 2^31.
 */
public final class FeedPages {
    public static final int MAX_PAGES = 32;
    public static final int MAX_ROWS = 3;
    public static final int REQUEST_LENGTH = Dmx.LENGTH + 10;
    public static final int EPOCH_LENGTH = Dmx.LENGTH + 9;
    private static final int PAGE_HEADER = Dmx.LENGTH + 5;
    private static final int ROW = FeedId.LENGTH + 4;
    private static final int ROWS_MASK = 0x03;
    private static final int OLDER_FLAG = 0x04;
    private static final int END_FLAG = 0x08;
    private static final int EPOCH_FLAG = 0x10;
    private static final int LAST_FLAG = 0x20;
    private static final long MAX_HEIGHT = Integer.MAX_VALUE;

    private FeedPages() {
    }

    /** Which way a request walks the change ticks. */
    public enum Order {
        /** Above the cursor, oldest change first: what changed since. */
        NEWER('n'),
        /** Below the cursor, newest change first: the walk back through every feed. */
        OLDER('o');

        private final byte code;

        Order(char code) {
            this.code = (byte) code;
        }
    }

    /** A request for pages (epoch 0: the asker does not know the holder's epoch). */
    public record Request(long epoch, Order order, long cursor, int pages) {
        public Request {
            checkUnsigned32(epoch, "epoch");
            checkUnsigned32(cursor, "cursor");
            if (pages < 1 || pages > MAX_PAGES) {
                throw new IllegalArgumentException("1.." + MAX_PAGES + " pages, not " + pages);
            }
        }

        public byte[] encode() {
            byte[] p = new byte[REQUEST_LENGTH];
            System.arraycopy(Dmx.feedsRequest(), 0, p, 0, Dmx.LENGTH);
            int at = BigEndian.put(p, Dmx.LENGTH, epoch, 4);
            p[at++] = order.code;
            at = BigEndian.put(p, at, cursor, 4);
            p[at] = (byte) pages;
            return p;
        }
    }

    /** One feed a holder lists: its id and how many entries it holds. */
    public record Row(FeedId feed, long height) {
        public Row {
            if (height < 1 || height > MAX_HEIGHT) {
                throw new IllegalArgumentException("height out of range: " + height);
            }
        }
    }

    /** What a holder sends back: a page of rows, or its epoch. */
    public sealed interface Answer permits Page, Epoch {
        byte[] encode();
    }

    /**
     * A page of at most {@value #MAX_ROWS} rows; {@code cursor} is the change tick of its last row;
     * {@code end}: nothing more that way; {@code last}: no more pages answer this request.
     */
    public record Page(Order order, boolean end, boolean last, long cursor, List<Row> rows) implements Answer {
        public Page {
            checkUnsigned32(cursor, "cursor");
            if (rows.size() > MAX_ROWS) {
                throw new IllegalArgumentException("at most " + MAX_ROWS + " rows, not " + rows.size());
            }
            rows = List.copyOf(rows);
            last |= end;
        }

        @Override
        public byte[] encode() {
            byte[] p = new byte[PAGE_HEADER + rows.size() * ROW];
            System.arraycopy(Dmx.feedsPage(), 0, p, 0, Dmx.LENGTH);
            p[Dmx.LENGTH] = (byte) (rows.size() | (order == Order.OLDER ? OLDER_FLAG : 0) | (end ? END_FLAG : 0)
                    | (last ? LAST_FLAG : 0));
            int at = BigEndian.put(p, Dmx.LENGTH + 1, cursor, 4);
            for (Row r : rows) {
                r.feed().copyTo(p, at);
                at = BigEndian.put(p, at + FeedId.LENGTH, r.height(), 4);
            }
            return p;
        }
    }

    /** The holder's epoch and its counter's top: the asker starts over from there. */
    public record Epoch(long epoch, long top) implements Answer {
        public Epoch {
            checkUnsigned32(epoch, "epoch");
            checkUnsigned32(top, "top");
            if (epoch == 0) {
                throw new IllegalArgumentException("epoch 0 means 'unknown'");
            }
        }

        @Override
        public byte[] encode() {
            byte[] p = new byte[EPOCH_LENGTH];
            System.arraycopy(Dmx.feedsPage(), 0, p, 0, Dmx.LENGTH);
            p[Dmx.LENGTH] = EPOCH_FLAG;
            BigEndian.put(p, BigEndian.put(p, Dmx.LENGTH + 1, epoch, 4), top, 4);
            return p;
        }
    }

    /** Decodes a packet whose DMX is the request DMX. */
    public static Request decodeRequest(byte[] packet) throws CodecException {
        if (packet.length != REQUEST_LENGTH) {
            throw new CodecException("feed page request of " + packet.length + " bytes, not " + REQUEST_LENGTH);
        }
        int at = Dmx.LENGTH;
        long epoch = BigEndian.get(packet, at, 4);
        byte code = packet[at + 4];
        Order order = code == Order.NEWER.code ? Order.NEWER : code == Order.OLDER.code ? Order.OLDER : null;
        if (order == null) {
            throw new CodecException("feed page request with order " + (code & 0xFF) + ", not 'n' or 'o'");
        }
        int pages = packet[at + 9] & 0xFF;
        if (pages < 1 || pages > MAX_PAGES) {
            throw new CodecException("feed page request for " + pages + " pages, not 1.." + MAX_PAGES);
        }
        return new Request(epoch, order, BigEndian.get(packet, at + 5, 4), pages);
    }

    /** Decodes a packet whose DMX is the page DMX: a page or an epoch. */
    public static Answer decodeAnswer(byte[] packet) throws CodecException {
        if (packet.length < PAGE_HEADER || packet.length > Wire.PACKET_LENGTH) {
            throw new CodecException("feed page of " + packet.length + " bytes");
        }
        int flags = packet[Dmx.LENGTH] & 0xFF;
        if (flags == EPOCH_FLAG) {
            if (packet.length != EPOCH_LENGTH) {
                throw new CodecException("feed epoch packet of " + packet.length + " bytes, not " + EPOCH_LENGTH);
            }
            long epoch = BigEndian.get(packet, Dmx.LENGTH + 1, 4);
            if (epoch == 0) {
                throw new CodecException("feed epoch 0");
            }
            return new Epoch(epoch, BigEndian.get(packet, Dmx.LENGTH + 5, 4));
        }
        if ((flags & ~(ROWS_MASK | OLDER_FLAG | END_FLAG | LAST_FLAG)) != 0) {
            throw new CodecException("feed page with unknown flags " + Integer.toHexString(flags));
        }
        int n = flags & ROWS_MASK;
        if (packet.length != PAGE_HEADER + n * ROW) {
            throw new CodecException("feed page of " + packet.length + " bytes does not hold " + n + " rows");
        }
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0, at = PAGE_HEADER; i < n; i++, at += ROW) {
            long height = BigEndian.get(packet, at + FeedId.LENGTH, 4);
            if (height < 1 || height > MAX_HEIGHT) {
                throw new CodecException("feed page row with height " + height);
            }
            rows.add(new Row(FeedId.of(packet, at), height));
        }
        return new Page((flags & OLDER_FLAG) != 0 ? Order.OLDER : Order.NEWER, (flags & END_FLAG) != 0,
                (flags & LAST_FLAG) != 0, BigEndian.get(packet, Dmx.LENGTH + 1, 4), rows);
    }

    private static void checkUnsigned32(long v, String what) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " out of range: " + v);
        }
    }
}
