package org.tinyssb.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.PendingChain;

/**
 * Kills a writing JVM with SIGKILL at random moments, 100 times, and after each kill opens the
 * store as the node would: every entry and chunk it serves is the right one, and everything the
 * killed process had been told was stored is there.
 */
class CrashIT {
    private static final int KILLS = 100;
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void nothingAcknowledgedIsLostAndNothingCorruptIsServedAcrossAHundredKills() throws Exception {
        CrashFeed feed = CrashFeed.make(3_000);
        Path feedFile = dir.resolve("feed.bin");
        feed.save(feedFile);
        Path root = dir.resolve("store");
        Random random = new Random(2026);
        long height = 0;
        int recovered = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            int acksBeforeKill = random.nextInt(40);
            Path stderr = dir.resolve("worker-" + kill + ".err");
            Process p = new ProcessBuilder(javaCommand(root, feedFile)).redirectError(stderr.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            int attempt = kill;
            assertTrue(ready != null && ready.startsWith("READY "), () -> "worker " + attempt + " did not start: "
                    + ready + " " + stderrOf(stderr));
            String lastAck = null;
            for (int i = 0; i < acksBeforeKill; i++) {
                String line = out.readLine();
                if (line == null || line.equals("DONE")) {
                    break;
                }
                lastAck = line;
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "worker " + kill + " did not die");
            // lines the worker printed between our last read and the kill were acknowledged too
            for (String line; (line = readQuietly(out)) != null; ) {
                if (line.startsWith("ACK")) {
                    lastAck = line;
                }
            }
            FeedOpener.Opened opened = FeedOpener.open(root.resolve(feed.id.toHex()), feed.id, SyncMode.ALWAYS,
                    Clock.systemUTC(), damaged -> { });
            try {
                height = check(opened.log(), feed, lastAck);
            } finally {
                opened.log().close();
            }
            recovered += opened.notes().isEmpty() ? 0 : 1;
        }
        System.out.printf("%d kills: %d left something to recover (tail adopted or cut, chunks adopted); "
                + "%d entries stored in the end, every one intact%n", KILLS, recovered, height);
        assertTrue(height > 50, "the workers made progress: " + height + " entries");
        assertTrue(recovered > 0, "some kills landed between a write and its frontier");
    }

    /** Checks every entry and chunk the recovered feed serves; returns its height. */
    private static long check(FeedLog log, CrashFeed feed, String lastAck) {
        long height = log.height();
        if (lastAck != null) {
            String[] a = lastAck.split(" ");
            long seq = Long.parseLong(a[2]);
            assertTrue(height >= seq, "acknowledged " + lastAck + " but the store holds " + height + " entries");
            if (a[1].equals("C")) {
                int chunk = Integer.parseInt(a[3]);
                assertTrue(log.chunk(seq, chunk).isPresent(), "acknowledged " + lastAck + " is missing");
            }
        }
        List<Long> pendingSeqs = new ArrayList<>();
        for (PendingChain pc : log.pendingChains()) {
            pendingSeqs.add(pc.seq());
        }
        for (long seq = 1; seq <= height; seq++) {
            CrashFeed.Entry e = feed.entries.get((int) seq - 1);
            assertArrayEquals(e.packet(), log.entry(seq).orElseThrow(), "entry " + seq);
            int held = e.chunks().size();
            for (PendingChain pc : log.pendingChains()) {
                if (pc.seq() == seq) {
                    held = pc.nextChunk();
                }
            }
            for (int i = 0; i < held; i++) {
                assertArrayEquals(e.chunks().get(i), log.chunk(seq, i).orElseThrow(), "chunk " + i + " of " + seq);
            }
            assertTrue(log.chunk(seq, held).isEmpty() || held == e.chunks().size());
        }
        assertArrayEquals(height == 0 ? java.util.Arrays.copyOf(feed.id.toBytes(), 20)
                : feed.entries.get((int) height - 1).messageId(), log.lastMessageId());
        assertTrue(pendingSeqs.stream().allMatch(s -> s <= height));
        return height;
    }

    private static String stderrOf(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static String readQuietly(BufferedReader in) {
        try {
            return in.readLine();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static List<String> javaCommand(Path root, Path feedFile) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName(),
                root.toString(), feedFile.toString());
    }
}
