package org.tinyssb.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.testkit.SignedFeed;

/**
 * A store of 600 feeds in a JVM allowed 256 open files ({@code ulimit -n 256}, as a Raspberry
 * Pi's 1,024 is to 2,400 feeds): with {@code max.open.feeds = 64} it starts from its summary and
 * from its folders, and writes and reads every feed. Without the bound, the same JVM cannot
 * start the store (which proves the limit is real), and says why without setting a folder aside.
 */
class OpenFileLimitIT {
    private static final int FEEDS = 600;
    private static final int FILE_LIMIT = 256;
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    /** Entry 1 plain, entry 2 with a 3-chunk side chain. */
    static List<SignedFeed> feeds(int n) {
        List<SignedFeed> feeds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            feeds.add(SignedFeed.of("limit-" + i, 20, 300));
        }
        return feeds;
    }

    @Test
    void sixHundredFeedsRunWithinTwoHundredFiftySixOpenFiles() throws Exception {
        Path root = dir.resolve("store");
        FileFeedStore store = new FileFeedStore(root, SyncMode.NEVER, 200, Clock.systemUTC());
        for (SignedFeed f : feeds(FEEDS)) {
            SignedFeed.Entry e = f.entry(1);
            FeedLog log = store.createLog(f.id());
            log.append(1, e.packet(), e.messageId(), 0, null, List.of());
        }
        store.close();

        String bounded = runLimited(root, 64);
        assertEquals("OK " + FEEDS + " " + FEEDS, bounded.substring(0, bounded.lastIndexOf(' ')), bounded);
        int peak = Integer.parseInt(bounded.substring(bounded.lastIndexOf(' ') + 1));
        assertTrue(peak <= 2 * 64, "peak " + peak + " channels");

        Files.delete(root.resolve(StoreSummary.FILE)); // the unbounded store opens every folder
        String unbounded = runLimited(root, FileFeedStore.MAX_OPEN_FEEDS);
        assertTrue(unbounded.startsWith("FAILED") && unbounded.contains("too many open files"), unbounded);
        try (Stream<Path> names = Files.list(root)) {
            assertEquals(0, names.filter(p -> p.getFileName().toString().contains(".quarantined-")).count(),
                    "no folder set aside for the process's limit");
        }
        FileFeedStore after = new FileFeedStore(root, SyncMode.NEVER, 200, Clock.systemUTC());
        assertEquals(FEEDS, after.feeds().size());
        after.close();
    }

    /** Runs the worker under {@code ulimit -n 256}; returns its last line. */
    private String runLimited(Path root, int maxOpen) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "ulimit -n " + FILE_LIMIT + " && exec \"$@\"", "limited",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), OpenFileLimitWorker.class.getName(),
                root.toString(), Integer.toString(maxOpen), Integer.toString(FEEDS)));
        Path stderr = dir.resolve("worker-" + maxOpen + ".err");
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the worker did not end");
        String last = out.isEmpty() ? "" : out.substring(out.lastIndexOf('\n') + 1);
        assertTrue(!last.isEmpty(), () -> "no output; stderr: " + readQuietly(stderr));
        return last;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
