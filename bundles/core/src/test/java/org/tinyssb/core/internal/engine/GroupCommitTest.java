package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.api.store.StoreException;
import org.tinyssb.store.memory.internal.MemoryFeedStore;

/** Packets that arrive together are one group of writes: nothing is reported stored before the group is durable. */
class GroupCommitTest {
    /** A memory store that notes when groups begin and become durable. */
    static final class NotingStore implements FeedStore {
        final MemoryFeedStore inner = new MemoryFeedStore();
        final List<String> notes;

        NotingStore(List<String> notes) {
            this.notes = notes;
        }

        @Override
        public Set<FeedId> feeds() {
            return inner.feeds();
        }

        @Override
        public Optional<FeedLog> log(FeedId feed) {
            return inner.log(feed);
        }

        @Override
        public FeedLog createLog(FeedId feed) throws StoreException {
            return inner.createLog(feed);
        }

        @Override
        public boolean delete(FeedId feed) throws StoreException {
            return inner.delete(feed);
        }

        @Override
        public WriteGroup beginGroup() {
            notes.add("group begins");
            return () -> notes.add("group durable");
        }
    }

    @Test
    void entriesOfAGroupAreReportedOnlyOnceTheGroupIsDurable() throws Exception {
        List<String> notes = new ArrayList<>();
        NotingStore store = new NotingStore(notes);
        VirtualScheduler scheduler = new VirtualScheduler();
        NodeEngine engine = new NodeEngine(EngineConfig.defaults(), store, scheduler, new Random(1), f -> true,
                new EngineEvents() {
                    @Override
                    public void entryStored(FeedId feed, long seq) {
                        notes.add("stored " + seq);
                    }

                    @Override
                    public void contentComplete(FeedId feed, long seq) {
                    }
                });
        engine.start(List.of(), Set.of());
        engine.follow(AliceFeed.ID);
        RecordingLink link = new RecordingLink();
        engine.attach(link);
        List<Link> from = new ArrayList<>();
        List<byte[]> packets = new ArrayList<>();
        for (AliceFeed.Entry e : AliceFeed.ENTRIES.subList(0, 3)) {
            from.add(link);
            packets.add(e.packet());
        }
        engine.receiveAll(from, packets);
        assertEquals(List.of("group begins", "group durable", "stored 1", "stored 2", "stored 3"), notes);
    }
}
