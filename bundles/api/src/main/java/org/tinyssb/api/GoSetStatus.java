package org.tinyssb.api;

/**
 * The node's GOset as it stands: the feeds it names, of at most {@code cap}; who may enter it
 * ({@code admission}: {@code all}, {@code proven}, {@code followed}, or {@code by <policy>} when a
 * {@link FeedPolicy} service decides); and how many keys peers announced wait, in memory, to show a
 * valid entry before they enter (admission {@code proven}; 0 otherwise).
 */
public record GoSetStatus(int size, int cap, String admission, int waitingForEntry) {
}
