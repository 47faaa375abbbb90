package org.tinyssb.core.internal.app;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Varint;

/**
 * Whether the first bytes of a content can be a BIPF list whose first element is one of an app's
 * tags ({@code ["TAV", ...]}): most contents tell from the bytes the entry itself carries, so an
 * app is not made to read a long content from the store only to find it is not its own.
 */
final class TagPeek {
    private static final int STRING = 0;
    private static final int LIST = 4;

    private TagPeek() {
    }

    /** False only when {@code start} shows the content is not such a list; true when it is, or cannot tell. */
    static boolean mayBeOneOf(byte[] start, Set<String> tags) {
        try {
            Varint.Decoded list = Varint.decode(start, 0, start.length);
            if ((list.value() & 7) != LIST || list.value() >>> 3 == 0) {
                return false;
            }
            Varint.Decoded first = Varint.decode(start, list.length(), start.length);
            if ((first.value() & 7) != STRING) {
                return false;
            }
            long length = first.value() >>> 3;
            int at = list.length() + first.length();
            if (at + length > start.length) {
                return true; // a tag longer than what is at hand: the whole content tells
            }
            return tags.contains(new String(start, at, (int) length, StandardCharsets.UTF_8));
        } catch (CodecException e) {
            return true; // too short to tell
        }
    }
}
