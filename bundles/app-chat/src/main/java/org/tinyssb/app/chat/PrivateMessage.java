package org.tinyssb.app.chat;

import java.util.List;
import org.tinyssb.api.FeedId;

/**
 * A private chat message this node can read: sealed in its author's feed for up to seven
 * recipients, the author among them (as the Android app writes them, protocol/apps.md).
 *
 * @param message    the message as a public one would be (author, seq, ref, tips, text, time)
 * @param recipients who can read it, as the message lists them (the author last)
 * @since 1.1
 */
public record PrivateMessage(ChatMessage message, List<FeedId> recipients) {
    public PrivateMessage {
        recipients = List.copyOf(recipients);
    }
}
