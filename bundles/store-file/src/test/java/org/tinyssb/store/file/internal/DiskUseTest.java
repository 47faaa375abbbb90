package org.tinyssb.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.PendingChain;
import org.tinyssb.codec.Bipf;
import org.tinyssb.codec.Sha256;
import org.tinyssb.testkit.SignedFeed;

/**
 * What an entry announcing a large content costs before its chunks arrive: the record keeps the
 * reference's layout (a slot per announced chunk), but slots are holes in the file, not zeros
 * written to disk. Real disk use is read with {@code du}, as an operator would.
 */
class DiskUseTest {
    private static final long SIXTEEN_MIB = 16L << 20;
    private static final byte[] SOME_POINTER = java.util.Arrays.copyOf(
            Sha256.digest("a chain that never comes".getBytes(StandardCharsets.UTF_8)), 20);

    @TempDir
    Path dir;

    private static long duKiB(Path p) throws IOException, InterruptedException {
        Process du = new ProcessBuilder("du", "-sk", p.toString()).redirectErrorStream(true).start();
        String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, du.waitFor(), "du: " + out);
        return Long.parseLong(out.split("\\s+")[0]);
    }

    private static void appendAnnouncing(FeedLog log, SignedFeed feed, long length, byte[] pointer) throws Exception {
        SignedFeed.Entry e = feed.addAnnouncing(length, pointer);
        int chunks = org.tinyssb.codec.ChainHeader.of(e.packet()).chunkCount();
        log.append(e.seq(), e.packet(), e.messageId(), chunks, pointer, List.of());
    }

    @Test
    void tenEntriesAnnouncing16MiBEachCostLessThanOneMiBOfRealDisk() throws Exception {
        Path root = dir.resolve("feeds");
        FileFeedStore store = new FileFeedStore(root, SyncMode.ALWAYS, 200, Clock.systemUTC());
        long before = duKiB(root);
        for (int k = 0; k < 10; k++) { // ten fresh keys, one entry each
            SignedFeed stranger = SignedFeed.of("stranger-" + k);
            appendAnnouncing(store.createLog(stranger.id()), stranger, SIXTEEN_MIB, SOME_POINTER);
        }
        SignedFeed one = SignedFeed.of("one-feed");
        FeedLog log = store.createLog(one.id());
        for (int i = 0; i < 10; i++) { // and ten in one feed
            appendAnnouncing(log, one, SIXTEEN_MIB, SOME_POINTER);
        }
        store.close();
        long grown = duKiB(root) - before;
        long apparent = Files.size(root.resolve(one.id().toHex()).resolve(FileFeedLog.LOG));
        System.out.printf("20 entries announcing 16 MiB each: %d KiB of real disk; one feed's log.bin is %d MiB "
                + "long (apparent size)%n", grown, apparent >> 20);
        assertTrue(apparent > 10 * SIXTEEN_MIB, "the reference's layout: a slot for every announced chunk");
        assertTrue(grown < 1024, "real disk grew by " + grown + " KiB");
        assertEquals(0, log.chunkBytesHeld(), "no chunk is held");
    }

    @Test
    void aChainWhosePointerIsZeroIsStoredAsUnavailableAndNeverReadAsCorrupt() throws Exception {
        FileFeedStore store = new FileFeedStore(dir, SyncMode.ALWAYS, 200, Clock.systemUTC());
        SignedFeed broken = SignedFeed.of("zero-pointer");
        FeedLog log = store.createLog(broken.id());
        appendAnnouncing(log, broken, 5_000, new byte[20]);
        PendingChain p = log.pendingChains().get(0);
        assertTrue(p.unavailable(), "the chain can never be continued");
        assertEquals(50, p.missing(), "its slots are those the length announces, as the reference lays them out");
        assertTrue(log.chunk(1, 0).isEmpty());
        assertArrayEquals(broken.entry(1).packet(), log.entry(1).orElseThrow());
        store.close();
        Path folder = dir.resolve(broken.id().toHex());
        assertFalse(Files.exists(folder.resolve(FileFeedLog.REPAIR_MARKER)), "not corruption");
        Map<?, ?> frontier = (Map<?, ?>) Bipf.decode(Files.readAllBytes(folder.resolve(FileFeedLog.FRONTIER)));
        assertEquals(1, ((Map<?, ?>) frontier.get(Frontier.PENDING_KEY)).size(), "listed in pend_sc as the reference does");
        FileFeedStore reopened = new FileFeedStore(dir, SyncMode.ALWAYS, 200, Clock.systemUTC());
        assertTrue(reopened.log(broken.id()).orElseThrow().pendingChains().get(0).unavailable());
        reopened.close();
    }
}
