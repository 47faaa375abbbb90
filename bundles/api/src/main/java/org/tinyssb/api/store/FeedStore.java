package org.tinyssb.api.store;

import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;
import org.tinyssb.api.FeedId;

/**
 * A storage backend: the set of feeds a node holds and their logs. Implementations are
 * thread-safe.
 */
@ConsumerType
public interface FeedStore {
    /** Service property: a short name of the backend for logs and shell output, e.g. {@code memory}. */
    String NAME_PROPERTY = "tinyssb.store.name";

    /** The feeds held (a snapshot). */
    Set<FeedId> feeds();

    /** The log of {@code feed}, if held. */
    Optional<FeedLog> log(FeedId feed);

    /** The log of {@code feed}, created empty if it is not held yet. */
    FeedLog createLog(FeedId feed) throws StoreException;

    /**
     * Deletes everything held of {@code feed}.
     *
     * @return false if it was not held
     */
    boolean delete(FeedId feed) throws StoreException;

    /**
     * Starts a group of writes that become durable together, when the group closes: a store that
     * forces every write to disk ({@code sync=always}) forces each log once for the group instead
     * of once per write. Until {@link WriteGroup#close} the writes of the group may be lost to a
     * crash, so the caller reports none of them stored before. Groups do not nest; one writer.
     */
    default WriteGroup beginGroup() {
        return () -> { };
    }

    /** A group of writes; closing it makes them durable (as the store is configured to). */
    @FunctionalInterface
    interface WriteGroup extends AutoCloseable {
        @Override
        void close() throws StoreException;
    }

    /**
     * Asks to be told when a read finds stored data corrupt (see {@link DamageListener}). A store
     * whose data cannot be damaged (in memory) never calls it.
     */
    default void addDamageListener(DamageListener listener) {
    }

    default void removeDamageListener(DamageListener listener) {
    }
}
