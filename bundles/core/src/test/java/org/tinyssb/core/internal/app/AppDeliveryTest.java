package org.tinyssb.core.internal.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.Bipf;

/** What an app is handed: each complete entry once, in feed order, late side chains when they complete. */
class AppDeliveryTest {
    private static final FeedId A = id(1);
    private static final FeedId B = id(2);
    /** The entries as the node holds them; a content shorter than its length is incomplete. */
    private final Map<FeedId, List<EntryContent>> held = new HashMap<>();
    private final List<String> handed = new ArrayList<>();

    private static FeedId id(int first) {
        byte[] k = new byte[32];
        k[0] = (byte) first;
        return FeedId.of(k);
    }

    private void put(FeedId feed, long seq, byte[] content, boolean complete) {
        List<EntryContent> entries = held.computeIfAbsent(feed, f -> new ArrayList<>());
        EntryContent c = new EntryContent(feed, seq, complete ? content.length : content.length + 10, content,
                new byte[20]);
        if (seq <= entries.size()) {
            entries.set((int) seq - 1, c);
        } else {
            entries.add(c);
        }
    }

    /** Whole contents read from the store, by feed and entry ("A3"). */
    private final List<String> wholeReads = new ArrayList<>();

    private Optional<EntryContent> held(FeedId f, long s) {
        List<EntryContent> e = held.getOrDefault(f, List.of());
        return s <= e.size() ? Optional.of(e.get((int) (s - 1))) : Optional.empty();
    }

    private AppDelivery delivery(Set<String> tags) {
        return new AppDelivery((f, s) -> {
            wholeReads.add((f.equals(A) ? "A" : "B") + s);
            return held(f, s);
        }, (f, s) -> held(f, s).map(c -> { // what an entry carries itself: the first 28 bytes of a long content
            byte[] start = java.util.Arrays.copyOf(c.available(), Math.min(28, c.availableLength()));
            return new EntryContent(c.feed(), c.seq(), c.length(), start, c.messageId());
        }), (c, content) -> handed.add((c.feed().equals(A) ? "A" : "B") + c.seq() + "=" + content), tags);
    }

    @Test
    void anAppWithTagsReadsWholeOnlyTheContentsThatMayBeItsOwn() {
        byte[] random = new byte[2048];
        new java.util.Random(1).nextBytes(random);
        random[0] = 0x01; // a BIPF header of a string, not of a list
        put(A, 1, random, true);
        put(A, 2, Bipf.encode(List.of("XYZ", "x".repeat(500))), true); // another app's list
        put(A, 3, Bipf.encode(List.of("TAV", "y".repeat(500))), true);
        put(A, 4, Bipf.encode(List.of(7, "not a tag")), true);
        delivery(Set.of("TAV")).scan(A, 4);
        assertEquals(List.of("A3"), wholeReads, "only the one whose start shows the app's tag is read whole");
        assertEquals(1, handed.size());
        assertTrue(handed.get(0).startsWith("A3=[TAV, yyy"));
    }

    @Test
    void everyCompleteEntryOnceInFeedOrderAndALateSideChainWhenItCompletes() {
        put(A, 1, Bipf.encode(List.of("TAV", "one")), true);
        put(A, 2, Bipf.encode(List.of("TAV", "two")), false); // side chain still arriving
        put(A, 3, Bipf.encode(List.of("TAV", "three")), true);
        AppDelivery d = delivery(Set.of());
        d.scan(A, 3);
        assertEquals(List.of("A1=[TAV, one]", "A3=[TAV, three]"), handed);
        assertEquals(1, d.pending());
        d.scan(A, 3);
        assertEquals(2, handed.size(), "nothing twice");
        put(A, 2, Bipf.encode(List.of("TAV", "two")), true);
        put(A, 4, Bipf.encode(List.of("IAM", "alice")), true);
        d.scan(A, 4);
        assertEquals(List.of("A1=[TAV, one]", "A3=[TAV, three]", "A2=[TAV, two]", "A4=[IAM, alice]"), handed);
        assertEquals(0, d.pending());
        assertEquals(4, d.delivered());
    }

    @Test
    void tagsChooseTheListsAnAppHearsAndWhatIsNotBipfIsSkipped() {
        put(B, 1, Bipf.encode(List.of("DPL", "uninstall", "x", "*")), true);
        put(B, 2, Bipf.encode(List.of("TAV", "hi")), true);
        put(B, 3, new byte[] {(byte) 0xff, 0x01}, true);
        put(B, 4, Bipf.encode(new byte[] {1, 2}), true);
        delivery(Set.of("DPL")).scan(B, 4);
        assertEquals(List.of("B1=[DPL, uninstall, x, *]"), handed);
        handed.clear();
        delivery(Set.of()).scan(B, 4);
        assertEquals(3, handed.size(), "all but the one that is not BIPF: " + handed);
    }

    @Test
    void aListWhoseFirstElementIsNoTextIsSkippedNotAFailure() {
        put(A, 1, Bipf.encode(java.util.Arrays.asList((Object) null)), true); // [null]: two bytes any peer can send
        put(A, 2, Bipf.encode(List.of(7L, "x")), true);
        put(A, 3, Bipf.encode(List.of("DPL", "ok")), true);
        delivery(Set.of("DPL")).scan(A, 3);
        assertEquals(List.of("A3=[DPL, ok]"), handed);
    }

    @Test
    void anEntryTheAppFailsOnIsNotHandedOverAgain() {
        put(A, 1, Bipf.encode(List.of("TAV", "one")), true);
        put(A, 2, Bipf.encode(List.of("TAV", "two")), true);
        List<Long> seen = new ArrayList<>();
        AppDelivery d = new AppDelivery(this::held, this::held, (c, content) -> {
            seen.add(c.seq());
            if (c.seq() == 1) {
                throw new IllegalStateException("the app fails on this one");
            }
        }, Set.of());
        try {
            d.scan(A, 2);
        } catch (IllegalStateException e) {
            // the dispatcher logs it and scans again on the next news
        }
        d.scan(A, 2);
        assertEquals(List.of(1L, 2L), seen, "the failing entry once, the next one after it");
    }

    @Test
    void aFeedDeletedAndFetchedAgainIsHandedOverAgain() {
        put(A, 1, Bipf.encode(List.of("TAV", "one")), true);
        put(A, 2, Bipf.encode(List.of("TAV", "two")), true);
        AppDelivery d = delivery(Set.of());
        d.scan(A, 2);
        held.remove(A); // unfollowed: deleted
        d.scan(A, 0);
        put(A, 1, Bipf.encode(List.of("TAV", "one")), true); // followed again: fetched from peers
        d.scan(A, 1);
        assertEquals(List.of("A1=[TAV, one]", "A2=[TAV, two]", "A1=[TAV, one]"), handed);
    }

    @Test
    void aFeedNotHeldYetIsLookedAtAgainLater() {
        AppDelivery d = delivery(Set.of());
        d.scan(A, 2); // the node said 2, but holds nothing (unfollowed meanwhile)
        put(A, 1, Bipf.encode(List.of("TAV", "back")), true);
        d.scan(A, 1);
        assertEquals(List.of("A1=[TAV, back]"), handed);
    }

    @Test
    void incompleteEntriesWaitedForAreBounded() {
        int many = AppDelivery.MAX_PENDING + 100;
        for (int s = 1; s <= many; s++) {
            put(A, s, Bipf.encode(List.of("TAV", "x")), false);
        }
        AppDelivery d = delivery(Set.of());
        d.scan(A, many);
        assertEquals(AppDelivery.MAX_PENDING, d.pending());
        assertEquals(100, d.givenUp());
        put(A, many, Bipf.encode(List.of("TAV", "last")), true);
        d.scan(A, many);
        assertEquals(List.of("A" + many + "=[TAV, last]"), handed, "the newest waits are kept");
    }
}
