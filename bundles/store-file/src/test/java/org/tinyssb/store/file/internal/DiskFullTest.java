package org.tinyssb.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.StoreFullException;
import org.tinyssb.testkit.SignedFeed;

/**
 * A full disk, as the operating system reports it: the log.bin of some feeds is Linux's
 * {@code /dev/full}, where every write fails with ENOSPC. The store says so in one line for
 * every feed and write (it used to be an ERROR line per feed and write, 11 for one event), keeps
 * what it held, marks nothing damaged, and says once that it stores again when a write succeeds.
 */
class DiskFullTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private void onAFullDisk(FeedId feed) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(feed.toHex()));
        Files.createSymbolicLink(folder.resolve(FileFeedLog.LOG), Path.of("/dev/full"));
    }

    private static void append(FeedLog log, SignedFeed.Entry e) throws Exception {
        log.append(e.seq(), e.packet(), e.messageId(), e.chunks().size(), e.firstChunkHash(), e.chunks());
    }

    @Test
    void aFullDiskIsOneLineForAllFeedsAndWritesAndOneWhenWritesSucceedAgain() throws Exception {
        SignedFeed full1 = SignedFeed.of("full-1", 20, 20, 20);
        SignedFeed full2 = SignedFeed.of("full-2", 20, 20);
        SignedFeed roomy = SignedFeed.of("roomy", 20, 20);
        onAFullDisk(full1.id());
        onAFullDisk(full2.id());
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream err = System.err;
        FileFeedStore store = new FileFeedStore(dir, SyncMode.ALWAYS, 3_600_000, CLOCK);
        try {
            FeedLog log1 = store.log(full1.id()).orElseThrow();
            FeedLog log2 = store.log(full2.id()).orElseThrow();
            FeedLog kept = store.createLog(roomy.id());
            append(kept, roomy.entries().get(0));
            System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
            int refused = 0;
            for (int round = 0; round < 3; round++) {
                for (FeedLog log : List.of(log1, log2)) {
                    StoreFullException e = assertThrows(StoreFullException.class,
                            () -> append(log, (log == log1 ? full1 : full2).entries().get(0)));
                    refused++;
                    assertEquals(dir.toString(), e.location(), "the folder whose disk is full");
                    assertTrue(e.getMessage().contains("the disk holding " + dir + " is full"), e.getMessage());
                }
            }
            String whileFull = logged.toString(StandardCharsets.UTF_8);
            assertEquals(1, whileFull.lines().count(), "one line for " + refused + " refused writes:\n" + whileFull);
            assertTrue(whileFull.contains("ERROR") && whileFull.contains("the disk holding " + dir + " is full")
                    && whileFull.contains("stores again once there is space"), whileFull);

            append(kept, roomy.entries().get(1)); // space again (on this fake disk: another feed's file)
            String all = logged.toString(StandardCharsets.UTF_8);
            assertEquals(2, all.lines().count(), all);
            assertTrue(all.contains("space is back on the disk holding " + dir) && all.contains("(6 writes were "
                    + "refused while it was full"), all);

            assertEquals(0, log1.height(), "nothing half-written counts as stored");
            assertEquals(2, kept.height());
            assertArrayEquals(roomy.entries().get(1).packet(), kept.entry(2).orElseThrow());
            for (FeedId f : List.of(full1.id(), full2.id())) {
                assertFalse(Files.exists(dir.resolve(f.toHex()).resolve(FileFeedLog.REPAIR_MARKER)),
                        "a full disk is not damage: " + f.shortId());
            }
            assertTrue(log1.damagedEntries().isEmpty() && log2.damagedEntries().isEmpty());
        } finally {
            System.setErr(err);
            store.close();
        }
    }
}
