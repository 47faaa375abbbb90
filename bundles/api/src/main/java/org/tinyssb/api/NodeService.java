package org.tinyssb.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The tinySSB node as applications see it: append-only feeds, replicated with peers over
 * whatever links are attached.
 *
 * <p>Thread-safe. Contents are opaque bytes here; tinySSB applications encode them as BIPF
 * (see the codec bundle). To hear about new entries register a {@link FeedListener}.
 */
@ProviderType
public interface NodeService {
    /** Longest content {@link #publish} accepts, in bytes. */
    int MAX_CONTENT_LENGTH = 1 << 20;

    /** Appends {@code content} to the node's own feed; returns the new entry's sequence number. */
    long publish(byte[] content);

    /**
     * Appends {@code content} to the feed of a local identity.
     *
     * @throws IllegalArgumentException if this node does not hold {@code author}'s key, or the
     *                                  content is longer than {@link #MAX_CONTENT_LENGTH}
     */
    long publish(FeedId author, byte[] content);

    /** The content of entry {@code seq} of {@code feed}, complete or as far as held. */
    Optional<EntryContent> read(FeedId feed, long seq);

    /**
     * The start of entry {@code seq}'s content, read without its side chain: at least the bytes the
     * entry itself carries (up to 48), which tell an application's content apart (the tag of a
     * BIPF list) without reading a long content from the store (since 2.7). By default the content
     * as {@link #read} gives it.
     */
    default Optional<EntryContent> readStart(FeedId feed, long seq) {
        return read(feed, seq);
    }

    /** Every feed held, in GOset order. */
    List<FeedInfo> feeds();

    /** What is held of one feed, if it is held at all. */
    Optional<FeedInfo> feed(FeedId feed);

    /**
     * Adds {@code feed} to the set of replicated feeds (the GOset), whatever the feed policy says.
     *
     * @return false if it was followed already
     * Beyond the GOset's cap (255) the feed is replicated by id, with peers that speak this node's
     * vectors by id (see docs/protocol-extensions.md), not with the reference implementations.
     */
    boolean follow(FeedId feed);

    /**
     * Stops replicating {@code feed} and deletes what is held of it; {@link #follow} undoes that.
     * Its id stays in the GOset, because tinySSB peers understand each other's vectors only while
     * they hold the same set of feed ids: the node just asks for nothing of it any more.
     *
     * @return false if the feed was not followed
     * @throws IllegalArgumentException for a local identity's feed
     */
    boolean unfollow(FeedId feed);

    /** Current counters. */
    NodeMetrics metrics();

    /** The GOset's size against its cap, who may enter it, and the keys waiting to (since 2.3). */
    GoSetStatus goset();

    /** How replication stands: per feed held against known at peers, in all, and the recent rate (since 2.6). */
    SyncStatus sync();

    /**
     * Nodes heard on broadcast links lately (peer beacons of the 2025 ESP32 firmware and of nodes
     * like this one, status of the {@code main} firmware's management plane), most recent first.
     */
    List<Neighbour> neighbours();
}
