package org.tinyssb.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.api.FeedId;

/** The open-file cache on its own: its bound, its order, and that files in use are never closed. */
class FeedHandlesTest {
    private static final int BOUND = 4;

    @TempDir
    Path root;
    private final List<FeedId> feeds = new ArrayList<>();

    @BeforeEach
    void folders() throws IOException {
        for (int i = 0; i < 10; i++) {
            byte[] key = new byte[FeedId.LENGTH];
            key[0] = (byte) i;
            FeedId feed = FeedId.of(key);
            Files.createDirectories(root.resolve(feed.toHex()));
            Files.write(root.resolve(feed.toHex()).resolve(FileFeedLog.LOG), new byte[0]);
            feeds.add(feed);
        }
    }

    private static void use(FeedHandles handles, FeedId feed) throws IOException {
        handles.release(handles.acquire(feed));
    }

    @Test
    void atMostTheBoundOfFeedsHaveOpenFilesTheLeastRecentlyUsedClosingFirst() throws IOException {
        FeedHandles handles = new FeedHandles(root, BOUND);
        for (FeedId feed : feeds) {
            use(handles, feed);
            assertTrue(handles.openChannels() <= BOUND * FeedFiles.CHANNELS, handles.openChannels() + " channels");
        }
        assertEquals(BOUND * FeedFiles.CHANNELS, handles.peakChannels());
        use(handles, feeds.get(6)); // now the most recently used of 6..9
        use(handles, feeds.get(0)); // evicts 7, the least recently used
        assertTrue(handles.isOpen(feeds.get(6)));
        assertFalse(handles.isOpen(feeds.get(7)));
        assertEquals(11, handles.opens());
    }

    @Test
    void filesInUseAreNeverClosedToMakeRoomAndCloseAfterTheirLastUse() throws IOException {
        FeedHandles handles = new FeedHandles(root, BOUND);
        FeedFiles held = handles.acquire(feeds.get(0));
        for (int i = 1; i < feeds.size(); i++) {
            use(handles, feeds.get(i)); // each would evict feed 0 first, were it not in use
        }
        assertTrue(held.log().isOpen(), "in use: not closed");
        assertTrue(held.index().count() >= 0);
        assertSame(held, handles.acquire(feeds.get(0)), "a second user shares the files");
        handles.release(held);
        assertTrue(held.log().isOpen(), "one user left");
        handles.release(held);
        use(handles, feeds.get(1));
        use(handles, feeds.get(2));
        use(handles, feeds.get(3));
        use(handles, feeds.get(4));
        assertFalse(held.log().isOpen(), "closed once unused and the least recently used");
        assertEquals(BOUND * FeedFiles.CHANNELS, handles.peakChannels());
    }

    @Test
    void moreUsersThanTheBoundExceedItOnlyUntilTheyRelease() throws IOException {
        FeedHandles handles = new FeedHandles(root, BOUND);
        List<FeedFiles> held = new ArrayList<>();
        for (int i = 0; i < BOUND + 2; i++) {
            held.add(handles.acquire(feeds.get(i)));
        }
        assertEquals((BOUND + 2) * FeedFiles.CHANNELS, handles.openChannels());
        held.forEach(handles::release);
        assertEquals(BOUND * FeedFiles.CHANNELS, handles.openChannels());
        held.subList(0, 2).forEach(f -> assertFalse(f.log().isOpen()));
    }

    @Test
    void unforcedWritesAreForcedBeforeTheirFilesCloseOnEviction() throws IOException {
        FeedHandles handles = new FeedHandles(root, BOUND);
        FeedFiles f = handles.acquire(feeds.get(0));
        FileIo.write(f.log(), new byte[] {1, 2, 3}, 0);
        f.unforced = true; // as a write inside an open group notes it
        handles.release(f);
        for (int i = 1; i <= BOUND; i++) {
            use(handles, feeds.get(i));
        }
        assertFalse(f.log().isOpen());
        assertFalse(f.unforced);
        assertEquals(1, handles.forcedOnEviction());
        handles.forceIfOpen(feeds.get(0)); // the group closes: nothing open, nothing to do
        assertFalse(handles.isOpen(feeds.get(0)), "forcing does not reopen");
    }

    @Test
    void aClosedCacheOpensNothing() throws IOException {
        FeedHandles handles = new FeedHandles(root, BOUND);
        use(handles, feeds.get(0));
        handles.closeAll();
        assertEquals(0, handles.openChannels());
        assertThrows(IOException.class, () -> handles.acquire(feeds.get(1)));
    }
}
