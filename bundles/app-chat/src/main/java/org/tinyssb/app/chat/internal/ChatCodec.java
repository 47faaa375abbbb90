package org.tinyssb.app.chat.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.Bipf;
import org.tinyssb.codec.BipfException;

/**
 * The chat's content format (protocol/apps.md): a BIPF list whose first element names the app.
 * {@code TAV} messages come in two shapes, both read: the Android app's
 * {@code ["TAV", tips, text, voice, timestamp]} and the Python client's
 * {@code ["TAV", text, voice, timestamp]}; this node writes the first. {@code IAM} is
 * {@code ["IAM", name]}. Pure: bytes in, values out.
 */
final class ChatCodec {
    static final String TAV = "TAV";
    static final String IAM = "IAM";

    /** A decoded {@code TAV} content. */
    record Tav(List<String> tips, String text, byte[] voice, long timestamp) {
    }

    /** A decoded private {@code TAV}: the message and its recipients (well-formed ids only). */
    record PrivateTav(Tav tav, List<FeedId> recipients) {
    }

    private ChatCodec() {
    }

    static byte[] encodeTav(List<String> tips, String text, byte[] voice, long timestamp) {
        List<Object> l = new ArrayList<>();
        l.add(TAV);
        l.add(new ArrayList<Object>(tips));
        l.add(text);
        l.add(voice);
        l.add(timestamp);
        return Bipf.encode(l);
    }

    /** The plaintext of a private message: the Android shape with the recipients' ids sixth. */
    static byte[] encodePrivateTav(List<String> tips, String text, long timestamp, List<FeedId> recipients) {
        List<Object> l = new ArrayList<>();
        l.add(TAV);
        l.add(new ArrayList<Object>(tips));
        l.add(text);
        l.add(null);
        l.add(timestamp);
        l.add(new ArrayList<Object>(recipients.stream().map(FeedId::toSsbId).toList()));
        return Bipf.encode(l);
    }

    /** {@code content} decoded from BIPF, or null if it is not BIPF (then it is no chat content). */
    static Object value(byte[] content) {
        try {
            return Bipf.decode(content);
        } catch (BipfException e) {
            return null;
        }
    }

    /** The box in an entry's decoded content: a BIPF bytes value, or empty (public contents, other apps). */
    static Optional<byte[]> box(Object content) {
        return content instanceof byte[] box ? Optional.of(box) : Optional.empty();
    }

    /** The private message in an opened box, if it is a {@code TAV} of the Android shape with recipients. */
    static Optional<PrivateTav> decodePrivateTav(byte[] plaintext) {
        Object value = value(plaintext);
        List<?> l = list(value, TAV);
        if (l == null || l.size() < 6 || !(l.get(5) instanceof List<?> ids)) {
            return Optional.empty();
        }
        List<FeedId> recipients = new ArrayList<>();
        for (Object o : ids) {
            if (o instanceof String s) {
                try {
                    recipients.add(FeedId.parse(s));
                } catch (IllegalArgumentException e) {
                    // a recipient this node cannot name: shown without it
                }
            }
        }
        return tav(value).map(t -> new PrivateTav(t, recipients));
    }

    /** A post in the Python simplechat client's shape, {@code ["TAV", text, voice, timestamp]} (no tips). */
    static byte[] encodeSimplechatTav(String text, long timestamp) {
        List<Object> l = new ArrayList<>();
        l.add(TAV);
        l.add(text);
        l.add(null);
        l.add(timestamp);
        return Bipf.encode(l);
    }

    static byte[] encodeIam(String name) {
        return Bipf.encode(List.of(IAM, name));
    }

    /** The message in {@code content}, if it is a well-formed {@code TAV} of either shape. */
    static Optional<Tav> decodeTav(byte[] content) {
        return tav(value(content));
    }

    /** The message in decoded {@code content}, if it is a well-formed {@code TAV} of either shape. */
    static Optional<Tav> tav(Object content) {
        List<?> l = list(content, TAV);
        if (l == null || l.size() < 4) {
            return Optional.empty();
        }
        Object second = l.get(1);
        List<String> tips = new ArrayList<>();
        int at;
        if (second instanceof List<?> t) { // Android: tips first
            if (l.size() < 5) {
                return Optional.empty();
            }
            for (Object o : t) {
                if (o instanceof String s) {
                    tips.add(s);
                }
            }
            at = 2;
        } else if (second == null || second instanceof String) { // Python client
            at = 1;
        } else {
            return Optional.empty();
        }
        Object text = l.get(at);
        Object voice = l.get(at + 1);
        Object time = l.get(at + 2);
        if (!(text == null || text instanceof String) || !(voice == null || voice instanceof byte[])
                || !(time instanceof Long)) {
            return Optional.empty();
        }
        return Optional.of(new Tav(tips, (String) text, (byte[]) voice, (Long) time));
    }

    /** The name in {@code content}, if it is an {@code IAM} entry. */
    static Optional<String> decodeIam(byte[] content) {
        return iam(value(content));
    }

    /** The name in decoded {@code content}, if it is an {@code IAM} entry. */
    static Optional<String> iam(Object content) {
        List<?> l = list(content, IAM);
        return l != null && l.size() >= 2 && l.get(1) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** Decoded {@code content} as a list tagged {@code tag}, or null (other apps, encrypted, malformed). */
    private static List<?> list(Object content, String tag) {
        return content instanceof List<?> l && !l.isEmpty() && tag.equals(l.get(0)) ? l : null;
    }
}
