package org.tinyssb.codec;

import java.util.Arrays;
import java.util.List;

/** Shared parts of the vector codecs. */
final class VectorBodies {
    private VectorBodies() {
    }

    static byte[] withDmx(byte[] dmx, byte[] body) {
        if (dmx.length != Dmx.LENGTH) {
            throw new IllegalArgumentException("DMX of " + dmx.length + " bytes");
        }
        byte[] p = Arrays.copyOf(dmx, Dmx.LENGTH + body.length);
        System.arraycopy(body, 0, p, Dmx.LENGTH, body.length);
        return p;
    }

    static List<?> list(byte[] packet, String what) throws CodecException {
        if (packet.length <= Dmx.LENGTH) {
            throw new CodecException(what + " packet of " + packet.length + " bytes has no body");
        }
        Object v = Bipf.decode(packet, Dmx.LENGTH, packet.length - Dmx.LENGTH);
        if (!(v instanceof List<?> list)) {
            throw new CodecException(what + " body is not a list");
        }
        return list;
    }

    static long nonNegative(Object o, String what) throws CodecException {
        if (!(o instanceof Long n) || n < 0) {
            throw new CodecException(what + " is not a non-negative integer: " + o);
        }
        return n;
    }
}
