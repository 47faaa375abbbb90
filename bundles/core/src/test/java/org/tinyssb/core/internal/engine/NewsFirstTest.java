package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;

/**
 * In a GOset of 255 feeds a WANT vector names some 40 of them: a new entry of a feed the node
 * follows must still arrive within a few vector rounds, not once the rotation comes round to it.
 */
class NewsFirstTest {
    @Test
    void aNewEntryOfAFollowedFeedCrossesAFullGosetInAFewRounds() throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        EngineConfig config = EngineConfig.defaults().withGosetCap(255);
        SimNode author = new SimNode("author", scheduler, config, 1);
        SimNode reader = new SimNode("reader", scheduler, config, 2);
        SigningKey key = author.identity(0);
        author.start();
        reader.start();
        for (int i = 0; i < 254; i++) { // with the author's own feed: 255, which the reader learns from the GOset
            SigningKey other = SigningKey.fromSeed(Sha256.digest(("filler-" + i).getBytes(StandardCharsets.UTF_8)));
            author.engine.publish(other, "filler".getBytes(StandardCharsets.UTF_8));
        }
        reader.engine.follow(key.feedId()); // the one feed the reader's operator follows
        SimulatedLink[] link = SimulatedLink.pair("a-r", "r-a", LinkProfile.stream(1024), scheduler, 20, 0, new Random(3));
        author.attach(link[0]);
        reader.attach(link[1]);
        assertTrue(scheduler.runUntil(() -> author.engine.view(link[0]).sameState(reader.engine.view(link[1]))
                && reader.engine.view(link[1]).size() == 255, 60_000),
                "the two agree on the GOset");
        scheduler.advance(60_000); // idle: rounds back off to their longest interval
        long roundsBefore = reader.engine.vectorRounds(link[1]);
        long publishedAt = scheduler.nowMillis();
        author.engine.publish(key, "news".getBytes(StandardCharsets.UTF_8));
        assertTrue(scheduler.runUntil(() -> reader.height(key.feedId()) == 1, 120_000), "the entry arrives");
        long rounds = reader.engine.vectorRounds(link[1]) - roundsBefore;
        System.out.printf("a new entry of a followed feed in a GOset of %d: %d vector rounds, %.1f s%n",
                reader.engine.view(link[1]).size(), rounds, (scheduler.nowMillis() - publishedAt) / 1000.0);
        assertTrue(rounds <= 3, "took " + rounds + " vector rounds");
    }
}
