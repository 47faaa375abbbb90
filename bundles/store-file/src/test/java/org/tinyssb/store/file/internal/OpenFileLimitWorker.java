package org.tinyssb.store.file.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.testkit.SignedFeed;

/**
 * Run by {@link OpenFileLimitIT} in a JVM with few file descriptors: starts the store on the
 * prepared folder from its summary, reads every feed's entry 1 and appends entry 2 (with its side
 * chain), then starts it again from the folders. Prints {@code OK <from summary> <from folders>
 * <peak channels>}, or {@code FAILED <what>} and exits with 1.
 */
public final class OpenFileLimitWorker {
    private OpenFileLimitWorker() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        try {
            Path root = Path.of(args[0]);
            int maxOpen = Integer.parseInt(args[1]);
            List<SignedFeed> feeds = OpenFileLimitIT.feeds(Integer.parseInt(args[2]));
            FileFeedStore store = new FileFeedStore(root, SyncMode.ALWAYS, 200, maxOpen, Clock.systemUTC());
            int fromSummary = store.feedsFromSummary();
            for (SignedFeed f : feeds) {
                FeedLog log = store.log(f.id()).orElseThrow();
                check(Arrays.equals(f.entry(1).packet(), log.entry(1).orElse(null)), "entry 1 of " + f.id());
                SignedFeed.Entry e = f.entry(2);
                log.append(2, e.packet(), e.messageId(), e.chunks().size(), e.firstChunkHash(), e.chunks());
            }
            int peak = store.handles().peakChannels();
            store.close();
            Files.delete(root.resolve(StoreSummary.FILE));
            FileFeedStore again = new FileFeedStore(root, SyncMode.ALWAYS, 200, maxOpen, Clock.systemUTC());
            for (SignedFeed f : feeds) {
                FeedLog log = again.log(f.id()).orElseThrow();
                check(log.height() == 2 && Arrays.equals(f.entry(2).chunks().get(2), log.chunk(2, 2).orElse(null)),
                        "entry 2 of " + f.id());
            }
            int fromFolders = again.feedsFromFolders();
            peak = Math.max(peak, again.handles().peakChannels());
            again.close();
            out.println("OK " + fromSummary + " " + fromFolders + " " + peak);
        } catch (Throwable e) {
            out.println("FAILED " + e);
            out.flush();
            System.exit(1);
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what + " is not served as written");
        }
    }
}
