package org.tinyssb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;

class FeedArgumentTest {
    private static FeedId id(String hexStart) {
        return FeedId.parse(hexStart + "0".repeat(64 - hexStart.length()));
    }

    private static final FeedId A = id("108a1d87");
    private static final FeedId B = id("108a2200");
    private static final List<FeedId> KNOWN = List.of(A, B);

    @Test
    void feedsAreNamedWholeOrByTheStartOfTheirHexForm() {
        assertEquals(A, FeedArgument.feed(A.toHex(), KNOWN));
        assertEquals(A, FeedArgument.feed(A.toSsbId(), KNOWN));
        assertEquals(A, FeedArgument.feed("108a1d87", KNOWN), "the short id feeds and publish print");
        assertEquals(B, FeedArgument.feed("108A22", KNOWN));
        FeedId unknown = id("ff");
        assertEquals(unknown, FeedArgument.feed(unknown.toHex(), KNOWN), "a whole id needs no introduction");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeedArgument.feed("108a", KNOWN)).getMessage()
                .contains("starts 2 feeds' ids (108a1d87, 108a2200): give more of it"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeedArgument.feed("abcd", KNOWN)).getMessage()
                .startsWith("no feed this node knows starts with abcd"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeedArgument.feed("10", KNOWN)).getMessage()
                .contains("at least its first 4 hex digits"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeedArgument.feed("@nope=.ed25519", KNOWN))
                .getMessage().startsWith("'@nope=.ed25519' is not a feed id"));
    }

    @Test
    void entriesAreAFeedAndANumberTogetherOrApart() {
        assertEquals(new FeedArgument.Entry(A, 1), FeedArgument.entry("108a1d87#1", null, KNOWN));
        assertEquals(new FeedArgument.Entry(A, 12), FeedArgument.entry("108a1d87", "12", KNOWN));
        assertEquals("'abc' is not an entry number (1, 2, ...)", assertThrows(IllegalArgumentException.class,
                () -> FeedArgument.entry("108a1d87", "abc", KNOWN)).getMessage());
        assertEquals("entries are numbered from 1, not 0", assertThrows(IllegalArgumentException.class,
                () -> FeedArgument.entry("108a1d87#0", null, KNOWN)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeedArgument.entry("108a1d87", null, KNOWN))
                .getMessage().startsWith("which entry of 108a1d87?"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeedArgument.entry("108a1d87#1", "2", KNOWN))
                .getMessage().contains("not both"));
    }
}
