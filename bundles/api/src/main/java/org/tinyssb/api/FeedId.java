package org.tinyssb.api;

import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The id of a feed: the 32-byte Ed25519 public key of its author.
 *
 * <p>Ordered by unsigned byte comparison, which is the order of the GOset (the replicated set of
 * feed ids), so that sorting feed ids gives their GOset indexes. Immutable.
 */
public final class FeedId implements Comparable<FeedId> {
    /** Length of a feed id in bytes. */
    public static final int LENGTH = 32;
    /** The shortest start of a hex id {@link #parse(String, Collection)} takes: shorter ones name too many feeds by chance. */
    public static final int MIN_PREFIX = 4;

    private static final String SSB_PREFIX = "@";
    private static final String SSB_SUFFIX = ".ed25519";
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] key;
    private final int hash;

    private FeedId(byte[] key) {
        this.key = key;
        this.hash = Arrays.hashCode(key);
    }

    /** A feed id from exactly {@value #LENGTH} bytes (copied). */
    public static FeedId of(byte[] key) {
        if (key == null || key.length != LENGTH) {
            throw new IllegalArgumentException("a feed id has " + LENGTH + " bytes, got "
                    + (key == null ? "null" : key.length));
        }
        return new FeedId(key.clone());
    }

    /** A feed id from {@value #LENGTH} bytes of {@code buffer} starting at {@code offset}. */
    public static FeedId of(byte[] buffer, int offset) {
        if (offset < 0 || buffer.length - offset < LENGTH) {
            throw new IllegalArgumentException("need " + LENGTH + " bytes at offset " + offset
                    + " of a buffer of " + buffer.length);
        }
        return new FeedId(Arrays.copyOfRange(buffer, offset, offset + LENGTH));
    }

    /**
     * Parses either 64 hex digits or the SSB form {@code @<base64>.ed25519}.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static FeedId parse(String text) {
        String s = text.strip();
        byte[] key;
        try {
            if (s.startsWith(SSB_PREFIX) && s.endsWith(SSB_SUFFIX)) {
                key = Base64.getDecoder().decode(
                        s.substring(SSB_PREFIX.length(), s.length() - SSB_SUFFIX.length()));
            } else {
                key = HEX.parseHex(s);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a feed id (64 hex digits or @<base64>.ed25519): '"
                    + text + "'", e);
        }
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("not a feed id: '" + text + "' has " + key.length
                    + " bytes, a feed id has " + LENGTH);
        }
        return new FeedId(key);
    }

    /**
     * A feed as people type it: the whole id (64 hex digits or {@code @<base64>.ed25519}), or the
     * start of its hex form as tables print it ({@code 108a1d87}, at least {@value #MIN_PREFIX}
     * digits) when it starts exactly one of {@code known} (since 2.4).
     *
     * @throws IllegalArgumentException saying why {@code text} names no feed, or names several
     */
    public static FeedId parse(String text, Collection<FeedId> known) {
        String s = text.strip();
        if (s.startsWith(SSB_PREFIX) || s.length() == 2 * LENGTH) {
            try {
                return parse(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + s + "' is not a feed id: " + e.getMessage());
            }
        }
        String prefix = s.toLowerCase(Locale.ROOT);
        if (prefix.length() < MIN_PREFIX || !prefix.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("'" + s + "' is not a feed id: give its 64 hex digits, @...=.ed25519, or at "
                    + "least its first " + MIN_PREFIX + " hex digits as 'feeds' shows them");
        }
        List<FeedId> matches = known.stream().filter(f -> f.toHex().startsWith(prefix)).distinct().toList();
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no feed this node knows starts with " + prefix
                    + " (give the whole id for a feed it has not heard of)");
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException(prefix + " starts " + matches.size() + " feeds' ids ("
                    + String.join(", ", matches.stream().map(FeedId::shortId).toList()) + "): give more of it");
        }
        return matches.get(0);
    }

    /** A copy of the 32 key bytes. */
    public byte[] toBytes() {
        return key.clone();
    }

    /** Copies the 32 key bytes into {@code target} at {@code offset} (no allocation). */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(key, 0, target, offset, LENGTH);
    }

    /** The key byte at {@code index}. */
    public byte byteAt(int index) {
        return key[index];
    }

    /** 64 lowercase hex digits: the name of the feed's folder in the reference pub's layout. */
    public String toHex() {
        return HEX.formatHex(key);
    }

    /** The SSB convention shown to people: {@code @<base64 of the key>.ed25519}. */
    public String toSsbId() {
        return SSB_PREFIX + Base64.getEncoder().encodeToString(key) + SSB_SUFFIX;
    }

    /** A short form for tables and logs: the first 8 hex digits. */
    public String shortId() {
        return HEX.formatHex(key, 0, 4);
    }

    @Override
    public int compareTo(FeedId other) {
        return Arrays.compareUnsigned(key, other.key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeedId other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return toSsbId();
    }
}
