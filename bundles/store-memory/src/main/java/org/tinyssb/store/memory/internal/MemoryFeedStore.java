package org.tinyssb.store.memory.internal;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.osgi.service.component.annotations.Component;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.FeedStore;

/**
 * Feeds in memory: nothing survives a restart of the component. Immediate, so that its contents
 * live as long as the bundle, not as long as someone happens to use the service.
 */
@Component(property = FeedStore.NAME_PROPERTY + "=" + MemoryFeedStore.NAME, immediate = true)
public final class MemoryFeedStore implements FeedStore {
    static final String NAME = "memory";
    private final ConcurrentMap<FeedId, MemoryFeedLog> logs = new ConcurrentHashMap<>();

    @Override
    public Set<FeedId> feeds() {
        return Set.copyOf(logs.keySet());
    }

    @Override
    public Optional<FeedLog> log(FeedId feed) {
        return Optional.ofNullable(logs.get(feed));
    }

    @Override
    public FeedLog createLog(FeedId feed) {
        return logs.computeIfAbsent(feed, MemoryFeedLog::new);
    }

    @Override
    public boolean delete(FeedId feed) {
        return logs.remove(feed) != null;
    }
}
