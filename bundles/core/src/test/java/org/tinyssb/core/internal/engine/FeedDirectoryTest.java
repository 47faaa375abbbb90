package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.FeedPages;
import org.tinyssb.codec.LogEntry;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.store.memory.internal.MemoryFeedStore;

/**
 * The holding side of feed pages: every feed once in a walk from the newest change back, news
 * after a cursor, a feed that grows during a walk still met (among the news), the epoch answered
 * to a request under another one, and slots of moved feeds compacted away.
 */
class FeedDirectoryTest {
    private final MemoryFeedStore store = new MemoryFeedStore();
    private final FeedDirectory directory = new FeedDirectory();
    private final List<FeedReplica> replicas = new ArrayList<>();
    private final List<SigningKey> keys = new ArrayList<>();

    FeedDirectoryTest() {
        directory.epoch(7);
    }

    private void feeds(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            SigningKey k = SigningKey.fromSeed(Sha256.digest(("dir-" + i).getBytes(StandardCharsets.UTF_8)));
            keys.add(k);
            FeedReplica f = new FeedReplica(store.createLog(k.feedId()), false);
            replicas.add(f);
            grow(i);
        }
    }

    /** Feed {@code i} gets its next entry and moves to the newest change. */
    private void grow(int i) throws Exception {
        FeedReplica f = replicas.get(i);
        LogEntry e = Entries.sign(keys.get(i), f.height() + 1, f.lastMessageId(), Entries.TYPE_PLAIN48, new byte[48]);
        f.log.append(f.height() + 1, e.packet(), e.messageId(), 0, null, List.of());
        f.advance(e.messageId());
        directory.changed(f);
    }

    /** Walks every page of {@code order} from {@code cursor}, {@code pages} a request; the feeds listed, in order. */
    private List<FeedId> walk(FeedPages.Order order, long cursor, int pages, List<FeedPages.Page> seen) {
        List<FeedId> out = new ArrayList<>();
        for (int requests = 0; requests < 10_000; requests++) {
            List<FeedPages.Answer> answers = directory.answer(new FeedPages.Request(7, order, cursor, pages), pages);
            for (FeedPages.Answer a : answers) {
                FeedPages.Page p = (FeedPages.Page) a;
                seen.add(p);
                p.rows().forEach(r -> out.add(r.feed()));
                if (!p.rows().isEmpty()) {
                    cursor = p.cursor();
                }
                if (p.end()) {
                    return out;
                }
            }
        }
        throw new AssertionError("the walk did not end");
    }

    @Test
    void aWalkBackFromTheTopListsEveryFeedOnceNewestChangeFirst() throws Exception {
        feeds(100);
        grow(10); // feed 10 changed last
        List<FeedPages.Page> pages = new ArrayList<>();
        List<FeedId> listed = walk(FeedPages.Order.OLDER, directory.top() + 1, 4, pages);
        assertEquals(100, listed.size());
        assertEquals(100, new HashSet<>(listed).size(), "each once");
        assertEquals(keys.get(10).feedId(), listed.get(0), "the newest change first");
        assertEquals(keys.get(0).feedId(), listed.get(99), "the oldest last");
        assertTrue(pages.stream().allMatch(p -> p.rows().size() <= 3 && p.encode().length <= 120));
        assertEquals(new FeedPages.Row(keys.get(10).feedId(), 2), pages.get(0).rows().get(0), "with the height held");
        assertEquals(new FeedPages.Row(keys.get(0).feedId(), 1), pages.get(pages.size() - 1).rows()
                .get(pages.get(pages.size() - 1).rows().size() - 1));
    }

    @Test
    void newsAfterACursorAreWhatChangedSinceOldestFirst() throws Exception {
        feeds(20);
        long mark = directory.top();
        grow(5);
        grow(3);
        grow(5);
        List<FeedId> news = walk(FeedPages.Order.NEWER, mark, 1, new ArrayList<>());
        assertEquals(List.of(keys.get(3).feedId(), keys.get(5).feedId()), news, "each changed feed once, in order");
        assertTrue(walk(FeedPages.Order.NEWER, directory.top(), 1, new ArrayList<>()).isEmpty(), "nothing after the top");
    }

    @Test
    void aFeedThatGrowsDuringAWalkIsAmongTheNewsSoNothingIsMissed() throws Exception {
        feeds(50);
        long top = directory.top();
        Set<FeedId> met = new HashSet<>();
        long cursor = top + 1;
        Random random = new Random(1);
        boolean end = false;
        while (!end) {
            FeedPages.Page p = (FeedPages.Page) directory.answer(new FeedPages.Request(7, FeedPages.Order.OLDER, cursor,
                    1), 1).get(0);
            p.rows().forEach(r -> met.add(r.feed()));
            cursor = p.rows().isEmpty() ? cursor : p.cursor();
            end = p.end();
            grow(random.nextInt(50)); // feeds change while the walk goes on, some ahead of it
        }
        met.addAll(walk(FeedPages.Order.NEWER, top, 8, new ArrayList<>()));
        assertEquals(50, met.size(), "the walk and the news together meet every feed");
    }

    @Test
    void aRequestUnderAnotherEpochIsAnsweredWithThisOne() throws Exception {
        feeds(3);
        List<FeedPages.Answer> a = directory.answer(new FeedPages.Request(0, FeedPages.Order.NEWER, 0, 5), 5);
        assertEquals(List.of(new FeedPages.Epoch(7, 3)), a);
        assertEquals(new FeedPages.Epoch(7, 3), directory.answer(new FeedPages.Request(8, FeedPages.Order.OLDER, 9, 1), 1)
                .get(0));
    }

    @Test
    void slotsOfFeedsThatMovedAreCompactedAndAPageNeverHoldsMoreThanItsBudget() throws Exception {
        feeds(10);
        for (int round = 0; round < 1_000; round++) {
            grow(round % 10);
        }
        assertEquals(10, directory.size());
        List<FeedId> listed = walk(FeedPages.Order.OLDER, directory.top() + 1, 32, new ArrayList<>());
        assertEquals(10, listed.size());
        List<FeedPages.Answer> capped = directory.answer(new FeedPages.Request(7, FeedPages.Order.OLDER,
                directory.top() + 1, 32), 2);
        assertEquals(2, capped.size(), "no more pages than the link's budget allows");
        directory.remove(replicas.get(0));
        assertFalse(walk(FeedPages.Order.OLDER, directory.top() + 1, 32, new ArrayList<>())
                .contains(keys.get(0).feedId()), "a feed no longer held is not listed");
    }
}
