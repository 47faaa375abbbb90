package org.tinyssb.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.testkit.SignedFeed;

/**
 * A reader interrupted in the middle of a read (an app's thread stopped with shutdownNow, as the
 * node did at every stop) closes the file channel under every thread using it. That is not
 * damage: the feed is not marked for repair, and the next read opens its files again and serves
 * every entry (before, 9 healthy feeds of a 100-feed node were rebuilt after such a stop).
 */
class InterruptedReadTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aReadCutOffByAnInterruptIsNotDamageAndTheFeedIsServedWhole() throws Exception {
        SignedFeed feed = SignedFeed.of("interrupted", 20, 300);
        FileFeedStore store = new FileFeedStore(dir, SyncMode.ALWAYS, 3_600_000, CLOCK);
        try {
            FeedLog log = store.createLog(feed.id());
            for (SignedFeed.Entry e : feed.entries()) {
                log.append(e.seq(), e.packet(), e.messageId(), e.chunks().size(), e.firstChunkHash(), e.chunks());
            }
            Thread.currentThread().interrupt(); // the read below is cut off: its channel closes
            try {
                log.entry(1);
                log.chunk(2, 0);
            } finally {
                Thread.interrupted(); // (clears the flag for what follows)
            }
            for (SignedFeed.Entry e : feed.entries()) {
                assertArrayEquals(e.packet(), log.entry(e.seq()).orElseThrow(), "entry " + e.seq() + " is served");
                for (int i = 0; i < e.chunks().size(); i++) {
                    assertArrayEquals(e.chunks().get(i), log.chunk(e.seq(), i).orElseThrow(), "chunk " + i);
                }
            }
            assertTrue(log.damagedEntries().isEmpty(), "nothing recorded as damaged");
            assertFalse(Files.exists(dir.resolve(feed.id().toHex()).resolve(FileFeedLog.REPAIR_MARKER)),
                    "the feed is not marked for repair");
        } finally {
            store.close();
        }
    }
}
