package org.tinyssb.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.codec.ChainHeader;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.EntryContentCodec;
import org.tinyssb.codec.EntryName;
import org.tinyssb.codec.SideChain;
import org.tinyssb.testkit.Vectors;

/**
 * The reference pub's layout (storage.md), against feed_alice.json's log_bin and frontier_bin:
 * written here byte for byte (as author and as replica), and read here when the reference wrote it.
 */
class ReferenceLayoutTest {
    private static final JsonObject ALICE = Vectors.load("feed_alice.json");
    private static final FeedId ID = FeedId.of(Vectors.hex(ALICE, "feed_id"));

    @TempDir
    Path dir;

    private record Entry(long seq, byte[] packet, byte[] messageId, List<byte[]> chunks, byte[] content) {
    }

    private static List<Entry> entries() throws Exception {
        List<Entry> list = new ArrayList<>();
        byte[] prev = EntryName.genesisPrev(ID);
        for (JsonElement e : ALICE.getAsJsonArray("entries")) {
            JsonObject o = e.getAsJsonObject();
            List<byte[]> chunks = new ArrayList<>();
            if (o.has("chunks")) {
                o.getAsJsonArray("chunks").forEach(c -> chunks.add(Vectors.hex(c.getAsString())));
            }
            long seq = o.get("seq").getAsLong();
            byte[] packet = Vectors.hex(o, "packet");
            byte[] id = Entries.messageId(EntryName.of(ID, seq, prev), packet);
            assertArrayEquals(Vectors.hex(o, "msg_id"), id);
            list.add(new Entry(seq, packet, id, chunks, Vectors.hex(o, "content")));
            prev = id;
        }
        return list;
    }

    private FileFeedStore store(Path root) throws Exception {
        return new FileFeedStore(root, SyncMode.ALWAYS, 200, Clock.systemUTC());
    }

    private Path feedDir(Path root) {
        return root.resolve(ID.toHex());
    }

    @Test
    void writingAlicesFeedAsItsAuthorGivesTheReferenceFilesByteForByte() throws Exception {
        FileFeedStore store = store(dir);
        FeedLog log = store.createLog(ID);
        for (Entry e : entries()) {
            log.append(e.seq(), e.packet(), e.messageId(), e.chunks().size(), SideChain.firstPointer(e.chunks()),
                    e.chunks());
        }
        store.close();
        assertFiles(feedDir(dir));
    }

    @Test
    void replicatingAlicesFeedChunkByChunkGivesTheSameFiles() throws Exception {
        FileFeedStore store = store(dir);
        FeedLog log = store.createLog(ID);
        List<Entry> entries = entries();
        for (Entry e : entries) {
            log.append(e.seq(), e.packet(), e.messageId(), e.chunks().size(), SideChain.firstPointer(e.chunks()),
                    List.of());
        }
        assertEquals(8, log.pendingChains().size(), "entries 5..12 wait for their chains");
        ((FileFeedLog) log).flush(); // as the store does at its sync interval
        byte[] frontier = Files.readAllBytes(feedDir(dir).resolve("frontier.bin"));
        Frontier pending = Frontier.decode(frontier);
        Frontier.Pending twelve = pending.pending().get(12L);
        assertEquals(0, twelve.nextChunk());
        assertEquals(10, twelve.missing());
        assertArrayEquals(ChainHeader.of(entries.get(11).packet()).firstPointer(), twelve.expectedHash());
        for (Entry e : entries) {
            for (int i = 0; i < e.chunks().size(); i++) {
                log.putChunk(e.seq(), i, e.chunks().get(i), SideChain.nextPointer(e.chunks().get(i)));
            }
        }
        store.close();
        assertFiles(feedDir(dir));
    }

    private static void assertFiles(Path feed) throws Exception {
        assertEquals(Vectors.toHex(Vectors.hex(ALICE, "log_bin")), Vectors.toHex(Files.readAllBytes(feed.resolve("log.bin"))));
        assertEquals(Vectors.toHex(Vectors.hex(ALICE, "frontier_bin")),
                Vectors.toHex(Files.readAllBytes(feed.resolve("frontier.bin"))));
    }

    @Test
    void aFolderWrittenByTheReferenceIsServedWhole() throws Exception {
        Path feed = Files.createDirectories(feedDir(dir));
        Files.write(feed.resolve("log.bin"), Vectors.hex(ALICE, "log_bin"));
        Files.write(feed.resolve("frontier.bin"), Vectors.hex(ALICE, "frontier_bin"));
        Files.createDirectories(dir.resolve("not-a-feed"));
        FileFeedStore store = store(dir);
        assertEquals(java.util.Set.of(ID), store.feeds(), "only folders named by 64 hex digits are feeds");
        FeedLog log = store.log(ID).orElseThrow();
        assertEquals(12, log.height());
        assertTrue(log.pendingChains().isEmpty());
        for (Entry e : entries()) {
            assertArrayEquals(e.packet(), log.entry(e.seq()).orElseThrow());
            List<byte[]> chunks = new ArrayList<>();
            for (int i = 0; i < e.chunks().size(); i++) {
                chunks.add(log.chunk(e.seq(), i).orElseThrow());
            }
            assertArrayEquals(e.content(), EntryContentCodec.decode(log.entry(e.seq()).orElseThrow(), chunks));
        }
        assertArrayEquals(Vectors.hex(ALICE.getAsJsonArray("entries").get(11).getAsJsonObject(), "msg_id"),
                log.lastMessageId());
        store.close();
        assertFalse(Files.exists(feed.resolve(FileFeedLog.REPAIR_MARKER)));
        assertTrue(Files.exists(feed.resolve(EntryIndex.FILE)), "the index was built on first use");
        assertFiles(feed); // reading changed nothing of the reference's files
    }
}
