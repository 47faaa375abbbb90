package org.tinyssb.api;

/**
 * A node heard on a broadcast link: what it calls itself, where and how well it was heard.
 *
 * @param id              its short id as it sends it (ESP32 boards: the last two bytes of their MAC, hex)
 * @param linkId          the link it was heard on
 * @param heardBy         what was heard: {@code beacon} (a peer request), {@code reply} (an answer to
 *                        this node's beacon), {@code mgmt-status} or {@code mgmt-beacon} (the
 *                        {@code main} firmware's management plane)
 * @param lastHeardMillis when it was last heard (epoch milliseconds)
 * @param rssiDbm         signal of its last frame, or null where the link does not measure it
 * @param snrDb           the same, signal-to-noise
 * @param details         what it said about itself, for people (position, counts, how it hears this node)
 */
public record Neighbour(String id, String linkId, String heardBy, long lastHeardMillis, Integer rssiDbm, Double snrDb,
        String details) {
}
