package org.tinyssb.store.file.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.PendingChain;
import org.tinyssb.codec.SideChain;

/**
 * Run in its own JVM by {@link CrashIT}: opens the store (recovering whatever the last kill left),
 * then replicates the saved feed as the node does (entry, then its chunks one by one), printing
 * {@code ACK E seq} or {@code ACK C seq index} after each write returns: those are what the store
 * reported as stored, and must survive the kill.
 */
public final class CrashWorker {
    private CrashWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        CrashFeed feed = CrashFeed.load(Path.of(args[1]));
        PrintStream out = System.out;
        FileFeedStore store = new FileFeedStore(root, SyncMode.ALWAYS, 200, Clock.systemUTC());
        FeedLog log = store.createLog(feed.id);
        out.println("READY " + log.height());
        out.flush();
        for (PendingChain p : log.pendingChains()) {
            CrashFeed.Entry e = feed.entries.get((int) p.seq() - 1);
            for (int i = p.nextChunk(); i < e.chunks().size(); i++) {
                putChunk(log, e, i, out);
            }
        }
        for (long seq = log.height() + 1; seq <= feed.entries.size(); seq++) {
            CrashFeed.Entry e = feed.entries.get((int) seq - 1);
            log.append(seq, e.packet(), e.messageId(), e.chunks().size(), e.firstChunkHash(), List.of());
            out.println("ACK E " + seq);
            out.flush();
            for (int i = 0; i < e.chunks().size(); i++) {
                putChunk(log, e, i, out);
            }
        }
        out.println("DONE");
        out.flush();
        store.close();
    }

    private static void putChunk(FeedLog log, CrashFeed.Entry e, int i, PrintStream out) throws Exception {
        byte[] c = e.chunks().get(i);
        log.putChunk(e.seq(), i, c, SideChain.nextPointer(c));
        out.println("ACK C " + e.seq() + " " + i);
        out.flush();
    }
}
