package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;

/**
 * A fresh node that follows nobody, as a pub does, gets every feed its peer holds, twenty times
 * what GOset 1 holds, by walking the peer's feed pages; afterwards a new entry of any of them
 * arrives within a round or two (the news pages), and through a node in between too.
 */
class FeedPagesPullTest {
    private static final int FEEDS = 2_000;
    private static final int ENTRIES = 3;

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final List<SigningKey> keys = new ArrayList<>();

    private SimNode author() throws Exception {
        SimNode author = new SimNode("author", scheduler, EngineConfig.defaults(), 1);
        author.start();
        for (int i = 0; i < FEEDS; i++) {
            SigningKey k = SigningKey.fromSeed(Sha256.digest(("pub-" + i).getBytes(StandardCharsets.UTF_8)));
            keys.add(k);
            for (int e = 1; e <= ENTRIES; e++) {
                // every tenth feed's last entry has a side chain of 3 chunks
                byte[] content = i % 10 == 0 && e == ENTRIES ? new byte[300] : ("entry " + e).getBytes(StandardCharsets.UTF_8);
                new Random(i * 10L + e).nextBytes(content);
                author.engine.publish(k, content);
            }
        }
        return author;
    }

    private SimulatedLink[] connect(SimNode a, SimNode b, long seed) {
        SimulatedLink[] l = SimulatedLink.pair(a.name + "-" + b.name, b.name + "-" + a.name, LinkProfile.stream(1024),
                scheduler, 10, 0, new Random(seed));
        a.attach(l[0]);
        b.attach(l[1]);
        return l;
    }

    private boolean holdsAll(SimNode n) {
        return keys.stream().allMatch(k -> n.height(k.feedId()) == ENTRIES) && n.engine.incompleteChains() == 0;
    }

    @Test
    void aFreshNodeThatFollowsNobodyGetsEveryFeedAndThenTheNewsOfAnyOfThem() throws Exception {
        SimNode author = author();
        SimNode fresh = new SimNode("fresh", scheduler, EngineConfig.defaults(), 2);
        fresh.identity(0);
        fresh.start();
        SimulatedLink[] link = connect(author, fresh, 3);
        boolean done = scheduler.runUntil(() -> holdsAll(fresh), 30 * 60_000);
        long held = keys.stream().filter(k -> fresh.height(k.feedId()) == ENTRIES).count();
        System.out.printf("a fresh node got %d of %d feeds x %d entries (%d side chains) in %.1f s virtual, %d packets "
                + "from the author, %d to it%n", held, FEEDS, ENTRIES, FEEDS / 10, scheduler.nowMillis() / 1000.0,
                link[0].sent, link[1].sent);
        assertTrue(done, "the fresh node holds " + held + " of " + FEEDS + " feeds, "
                + fresh.engine.incompleteChains() + " side chains incomplete");
        assertTrue(fresh.engine.candidates() == 0, "nothing left waiting in memory");

        scheduler.advance(60_000); // idle: rounds back off
        long before = fresh.engine.vectorRounds(link[1]);
        long at = scheduler.nowMillis();
        author.engine.publish(keys.get(1_234), "news".getBytes(StandardCharsets.UTF_8));
        assertTrue(scheduler.runUntil(() -> fresh.height(keys.get(1_234).feedId()) == ENTRIES + 1, 60_000));
        long rounds = fresh.engine.vectorRounds(link[1]) - before;
        System.out.printf("a new entry of feed 1234 of %d: %d vector rounds, %.1f s%n", FEEDS, rounds,
                (scheduler.nowMillis() - at) / 1000.0);
        assertTrue(rounds <= 2, "took " + rounds + " vector rounds");
    }

    @Test
    void feedsCrossANodeInBetweenThatHoldsThemAsTheyArrive() throws Exception {
        SimNode author = author();
        SimNode middle = new SimNode("middle", scheduler, EngineConfig.defaults(), 2);
        SimNode last = new SimNode("last", scheduler, EngineConfig.defaults(), 3);
        middle.start();
        last.start();
        connect(author, middle, 4);
        connect(middle, last, 5);
        boolean done = scheduler.runUntil(() -> holdsAll(last), 60 * 60_000);
        System.out.printf("through a node in between: %d feeds in %.1f s virtual%n", FEEDS, scheduler.nowMillis() / 1000.0);
        assertTrue(done, "the last node holds " + keys.stream().filter(k -> last.height(k.feedId()) == ENTRIES).count()
                + " of " + FEEDS);
        assertEquals(middle.engine.feeds().size(), last.engine.feeds().size());
    }
}
