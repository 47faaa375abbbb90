package org.tinyssb.shell.internal;

import java.util.Collection;
import org.tinyssb.api.FeedId;

/**
 * A feed or an entry as people type them: the whole id (64 hex digits or {@code @...=.ed25519}), or
 * the start of its hex form as {@code feeds} and {@code publish} print it ({@code 108a1d87}), and
 * for an entry {@code 108a1d87#12} or the feed and the number apart. Pure: text and the feeds the
 * node knows in, the id or a message saying what is wrong out.
 */
final class FeedArgument {
    /** An entry: its feed and sequence number. */
    record Entry(FeedId feed, long seq) {
    }

    private FeedArgument() {
    }

    /** The feed {@code text} names among {@code known}; IllegalArgumentException says why there is none. */
    static FeedId feed(String text, Collection<FeedId> known) {
        return FeedId.parse(text, known);
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
