package org.tinyssb.link.kit;

import org.tinyssb.codec.Kiss;

/**
 * KISS framing over a byte stream (a serial line, Bluetooth serial): bytes in, frames to an
 * {@link Inbound}; a frame with a bad escape or longer than {@code maxFrame} is discarded whole,
 * counted and logged through the throttle. Not thread-safe: one reader feeds it.
 */
public final class KissStream {
    private final Framing framing;
    private final Kiss.Decoder decoder;

    public KissStream(Framing framing, int maxPacket, Inbound inbound, String from) {
        this.framing = framing;
        this.decoder = new Kiss.Decoder(maxPacket + framing.overhead(), new Kiss.FrameSink() {
            @Override
            public void frame(byte[] payload) {
                inbound.frame(payload, payload.length, from);
            }

            @Override
            public void discarded(String reason, int bytes) {
                inbound.drop(reason.equals("oversize") ? LinkCounter.OVERSIZE : LinkCounter.BAD_FRAME,
                        "discarded a " + bytes + "-byte frame (" + reason + ")");
            }
        });
    }

    public void feed(byte[] data, int offset, int count) {
        decoder.feed(data, offset, count);
    }

    /** The bytes that carry {@code packet} on the stream. */
    public byte[] encode(byte[] packet) {
        return Kiss.encode(framing.wrap(packet));
    }
}
