package org.tinyssb.itests.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.launcher.TestNode;

/**
 * The node a test replicates from: identities {@code author-0 ..}, each feed published through the
 * node's shell, every tenth entry with 2 KiB of content (a 21-chunk side chain).
 */
final class SourceNode {
    private SourceNode() {
    }

    static List<SigningKey> authors(int feeds) {
        List<SigningKey> keys = new ArrayList<>();
        for (int i = 0; i < feeds; i++) {
            keys.add(SigningKey.fromSeed(Sha256.digest(("author-" + i).getBytes(StandardCharsets.UTF_8))));
        }
        return keys;
    }

    /** Starts node "a" under {@code dir} with {@code feeds} x {@code entries} published, its link configured. */
    static TestNode publish(Path dist, Path dir, int feeds, int entries, Path feature, String linkConfigPid,
            String linkConfig) throws Exception {
        TestNode a = new TestNode(dist, dir, "a");
        List<SigningKey> keys = authors(feeds);
        a.addKey(keys.get(0), true);
        for (SigningKey k : keys.subList(1, keys.size())) {
            a.addKey(k, false);
        }
        a.configure(linkConfigPid, linkConfig);
        a.start(feature);
        for (int seq = 1; seq <= entries; seq++) {
            for (SigningKey k : keys) {
                String line = "entry-" + seq + "-of-" + k.feedId().toHex().substring(0, 8);
                // 2 KiB that differ from every other entry's (identical contents share their chunks)
                String text = seq % 10 == 0 ? (line + ".").repeat(2048 / (line.length() + 1) + 1).substring(0, 2048) : line;
                a.process().type("publish --as " + k.feedId().toHex() + " " + text);
            }
        }
        a.process().type("echo published-all");
        a.process().awaitLine("the end of publishing", l -> l.contains("published-all") && !l.contains("echo"));
        for (SigningKey k : keys) {
            a.awaitFrontier(k.feedId().toHex(), entries, Duration.ofSeconds(60));
        }
        return a;
    }

    /** Both nodes' log.bin and frontier.bin of every feed, byte for byte (the nodes are stopped). */
    static void assertSameFiles(TestNode a, TestNode b, List<SigningKey> keys) throws Exception {
        for (SigningKey k : keys) {
            String hex = k.feedId().toHex();
            assertArrayEquals(a.file(hex, "log.bin"), b.file(hex, "log.bin"), "log.bin of " + k.feedId().shortId());
            assertArrayEquals(a.file(hex, "frontier.bin"), b.file(hex, "frontier.bin"), "frontier.bin of " + hex);
        }
    }
}
