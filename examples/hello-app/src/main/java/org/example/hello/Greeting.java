package org.example.hello;

import org.tinyssb.api.FeedId;

/**
 * One greeting, from a node's feed.
 *
 * @param from      the feed that published it
 * @param seq       its entry in that feed
 * @param text      what it says
 * @param timestamp seconds since the epoch, as the author's clock said
 */
public record Greeting(FeedId from, long seq, String text, long timestamp) {
}
