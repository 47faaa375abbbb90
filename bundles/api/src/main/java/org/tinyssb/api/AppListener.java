package org.tinyssb.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An application on the node (whiteboard): register an implementation and the node hands it every
 * complete entry of every feed it holds, with the content decoded from BIPF — first everything
 * already held, from the start of each feed ({@link #caughtUp} says when that is done), then each
 * new entry as its content completes. This is what an app needs to keep its own view of the feeds
 * (the chat's conversation, the deployments' fleet) without scanning them itself.
 *
 * <p>Each entry is handed over once per registration; within a feed in sequence order, except that
 * an entry whose side chain completes late comes when it completes. Calls for one app come from
 * one thread of its own, never concurrently; a slow app delays only itself. An exception thrown
 * here is logged (throttled) and the app goes on with the next entry. Contents that are not BIPF
 * are not handed over. Publish through {@link NodeService#publish}. (since 2.5)
 */
@ConsumerType
public interface AppListener {
    /**
     * Optional service property: the content tags the app hears, as a String or String[]: the
     * first element of a BIPF list ({@code "TAV"}, {@code "DPL"}). Without it, every entry.
     */
    String TAGS_PROPERTY = "tinyssb.app.tags";

    /**
     * An entry and its content as BIPF decodes it: a {@link java.util.List}, {@code byte[]},
     * {@link String}, {@link Long}, {@link Double}, {@link Boolean}, a {@link java.util.Map} or
     * null.
     */
    void entry(EntryContent entry, Object content);

    /** Every entry the node held when the app arrived has been handed over; new ones follow as they come. */
    default void caughtUp() {
    }
}
