package org.tinyssb.codec;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * KISS framing of serial links: a frame is {@code FEND, escaped bytes, FEND}; FEND inside is sent
 * as {@code FESC TFEND}, FESC as {@code FESC TFESC}. The ESP32 firmware puts the CRC32 frame
 * ({@link Crc32Frame}) inside. Encoding is a function; decoding is a {@link Decoder} fed with
 * whatever the serial line delivers, in pieces of any size.
 */
public final class Kiss {
    public static final int FEND = 0xC0;
    public static final int FESC = 0xDB;
    public static final int TFEND = 0xDC;
    public static final int TFESC = 0xDD;

    private Kiss() {
    }

    /** {@code payload} as one KISS frame, delimiters included. */
    public static byte[] encode(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 8);
        out.write(FEND);
        for (byte b : payload) {
            int v = b & 0xFF;
            if (v == FEND) {
                out.write(FESC);
                out.write(TFEND);
            } else if (v == FESC) {
                out.write(FESC);
                out.write(TFESC);
            } else {
                out.write(v);
            }
        }
        out.write(FEND);
        return out.toByteArray();
    }

    /** What a decoder hands over: whole frames, and what it had to throw away and why. */
    public interface FrameSink {
        void frame(byte[] payload);

        /** Bytes discarded: {@code reason} is {@code bad-escape} or {@code oversize}. */
        void discarded(String reason, int bytes);
    }

    /**
     * A streaming decoder. Bytes before the first FEND (line noise, a board's boot messages) and
     * empty frames are ignored; a frame with an invalid escape or longer than the limit is
     * discarded whole and reported, and decoding resumes at the next FEND. Not thread-safe: one
     * reader feeds it.
     */
    public static final class Decoder {
        private final int maxPayload;
        private final FrameSink sink;
        private final byte[] buffer;
        private int length;
        private boolean inFrame;
        private boolean escaped;
        private String broken;
        private int brokenBytes;

        public Decoder(int maxPayload, FrameSink sink) {
            this.maxPayload = maxPayload;
            this.sink = sink;
            this.buffer = new byte[maxPayload];
        }

        public void feed(byte[] data, int offset, int count) {
            for (int i = offset; i < offset + count; i++) {
                accept(data[i] & 0xFF);
            }
        }

        private void accept(int v) {
            if (v == FEND) {
                endFrame();
                inFrame = true;
                return;
            }
            if (!inFrame) {
                return;
            }
            if (broken != null) {
                brokenBytes++;
                return;
            }
            if (escaped) {
                escaped = false;
                if (v == TFEND) {
                    v = FEND;
                } else if (v == TFESC) {
                    v = FESC;
                } else {
                    breakFrame("bad-escape", 2);
                    return;
                }
            } else if (v == FESC) {
                escaped = true;
                return;
            }
            if (length == maxPayload) {
                breakFrame("oversize", 1);
                return;
            }
            buffer[length++] = (byte) v;
        }

        private void breakFrame(String reason, int bytes) {
            broken = reason;
            brokenBytes = length + bytes;
        }

        private void endFrame() {
            if (broken != null) {
                sink.discarded(broken, brokenBytes);
            } else if (escaped) {
                sink.discarded("bad-escape", length + 1);
            } else if (length > 0) {
                sink.frame(Arrays.copyOf(buffer, length));
            }
            length = 0;
            escaped = false;
            broken = null;
            brokenBytes = 0;
        }
    }
}
