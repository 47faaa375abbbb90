package org.tinyssb.shell.internal;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.tinyssb.api.FeedId;

/**
 * A feed or an entry as people type them: the whole id (64 hex digits or {@code @...=.ed25519}), or
 * the start of its hex form as {@code feeds} and {@code publish} print it ({@code 108a1d87}), and
 * for an entry {@code 108a1d87#12} or the feed and the number apart. Pure: text and the feeds the
 * node knows in, the id or a message saying what is wrong out.
 */
final class FeedArgument {
    /** The shortest start of an id taken: shorter ones name too many feeds by chance. */
    static final int MIN_PREFIX = 4;

    /** An entry: its feed and sequence number. */
    record Entry(FeedId feed, long seq) {
    }

    private FeedArgument() {
    }

    /** The feed {@code text} names among {@code known}; IllegalArgumentException says why there is none. */
    static FeedId feed(String text, Collection<FeedId> known) {
        String s = text.strip();
        if (s.startsWith("@") || s.length() == 2 * FeedId.LENGTH) {
            try {
                return FeedId.parse(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + s + "' is not a feed id: " + e.getMessage());
            }
        }
        String prefix = s.toLowerCase(Locale.ROOT);
        if (prefix.length() < MIN_PREFIX || !prefix.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("'" + s + "' is not a feed id: give its 64 hex digits, @...=.ed25519, or at "
                    + "least its first " + MIN_PREFIX + " hex digits as 'feeds' shows them");
        }
        List<FeedId> matches = known.stream().filter(f -> f.toHex().startsWith(prefix)).toList();
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

    /** An entry: {@code <feed>#<seq>}, or {@code <feed>} with {@code seq} apart (null when given together). */
    static Entry entry(String feed, String seq, Collection<FeedId> known) {
        String f = feed.strip();
        String n = seq;
        int hash = f.indexOf('#');
        if (hash >= 0) {
            if (seq != null) {
                throw new IllegalArgumentException("give the entry as <feed>#<number> or as <feed> <number>, not both");
            }
            n = f.substring(hash + 1);
            f = f.substring(0, hash);
        }
        if (n == null) {
            throw new IllegalArgumentException("which entry of " + f + "? give <feed>#<number> or <feed> <number>");
        }
        long number;
        try {
            number = Long.parseLong(n.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + n + "' is not an entry number (1, 2, ...)");
        }
        if (number < 1) {
            throw new IllegalArgumentException("entries are numbered from 1, not " + number);
        }
        return new Entry(feed(f, known), number);
    }
}
