package org.tinyssb.store.file.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.SideChain;
import org.tinyssb.testkit.SignedFeed;

/**
 * The feed the crash test writes, signed once by the test and saved, so that each worker JVM
 * starts quickly: every fifth entry has a 1000-byte content (10 chunks), the others 20..219 bytes.
 */
final class CrashFeed {
    record Entry(long seq, byte[] packet, byte[] messageId, List<byte[]> chunks) {
        byte[] firstChunkHash() {
            return SideChain.firstPointer(chunks);
        }
    }

    final FeedId id;
    final List<Entry> entries;

    private CrashFeed(FeedId id, List<Entry> entries) {
        this.id = id;
        this.entries = entries;
    }

    static CrashFeed make(int count) {
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
            lengths[i] = (i + 1) % 5 == 0 ? 1000 : 20 + (i * 37) % 200;
        }
        SignedFeed feed = SignedFeed.of("crash", lengths);
        List<Entry> entries = new ArrayList<>();
        for (SignedFeed.Entry e : feed.entries()) {
            entries.add(new Entry(e.seq(), e.packet(), e.messageId(), e.chunks()));
        }
        return new CrashFeed(feed.id(), entries);
    }

    void save(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.write(id.toBytes());
            out.writeInt(entries.size());
            for (Entry e : entries) {
                out.write(e.packet());
                out.write(e.messageId());
                out.writeInt(e.chunks().size());
                for (byte[] c : e.chunks()) {
                    out.write(c);
                }
            }
        }
    }

    static CrashFeed load(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            FeedId id = FeedId.of(in.readNBytes(32));
            int n = in.readInt();
            List<Entry> entries = new ArrayList<>(n);
            for (int seq = 1; seq <= n; seq++) {
                byte[] packet = in.readNBytes(120);
                byte[] messageId = in.readNBytes(20);
                int chunks = in.readInt();
                List<byte[]> list = new ArrayList<>(chunks);
                for (int c = 0; c < chunks; c++) {
                    list.add(in.readNBytes(120));
                }
                entries.add(new Entry(seq, packet, messageId, list));
            }
            return new CrashFeed(id, entries);
        }
    }
}
