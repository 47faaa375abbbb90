package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose store lost entries of its own feed says what it waits for and refuses to fork the
 * feed; 'identity renew' is the way on when no peer holds them.
 */
class OwnFeedAheadIT {
    private static final Path DIST = Path.of(System.getProperty("tinyssb.dist"));
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aNodeAheadOfItsStoreWaitsSaysSoAndRenewsItsIdentityOnRequest() throws Exception {
        try (TestNode node = new TestNode(DIST, dir, "node")) {
            NodeProcess.freePortsConfig(node.config);
            node.start("default");
            for (int i = 1; i <= 3; i++) {
                node.process().type("publish entry " + i);
            }
            node.awaitCommandOutput("feeds", "the own feed at height 3", l -> l.contains(" 3 ") && l.contains("yes"), LIMIT);
            node.stop();
        }
        try (Stream<Path> feeds = Files.walk(dir.resolve("node/data/feeds"))) {
            for (Path p : feeds.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.getFileName().toString().endsWith(".lock") && !p.equals(dir.resolve("node/data/feeds"))) {
                    Files.delete(p); // the store lost the feed, as with a lost disk
                }
            }
        }
        try (TestNode node = new TestNode(DIST, dir, "node")) {
            node.start("default");
            String waiting = node.awaitCommandOutput("id", "what the node waits for", l -> l.contains("waits for entries"),
                    LIMIT);
            assertTrue(waiting.contains("has published 3 entries but this node holds 0: it waits for entries 1..3"),
                    waiting);
            String refused = node.awaitCommandOutput("publish would fork", "the refusal", l -> l.contains("fork"), LIMIT);
            assertTrue(refused.contains("appending now would fork it"), refused);

            String renewed = node.awaitCommandOutput("identity renew", "the renewal", l -> l.contains("renewed:"), LIMIT);
            String published = node.awaitCommandOutput("publish on the new feed", "a publish",
                    l -> l.contains("published "), LIMIT);
            assertTrue(published.contains("#2 "), "the announcement is #1, this is #2: " + published);
            String list = node.awaitCommandOutput("identity list", "the old identity as a local one",
                    l -> l.contains("local ") && l.contains("waits for own entries"), LIMIT);
            assertNotEquals(-1, renewed.indexOf("kept as a local identity"), renewed);
            assertTrue(list.contains(".ed25519"), list);
        }
    }
}
