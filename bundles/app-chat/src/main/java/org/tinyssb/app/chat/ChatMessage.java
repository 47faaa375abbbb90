package org.tinyssb.app.chat;

import java.util.List;
import org.tinyssb.api.FeedId;

/**
 * One public chat message.
 *
 * @param author    the author's feed
 * @param seq       the entry's sequence number in that feed
 * @param ref       how other messages refer to it: the base64 of its 20-byte message id (as the
 *                  Android app's {@code ref})
 * @param tips      the refs of the messages its author had seen last (may be empty)
 * @param text      the text, or null (a voice-only message)
 * @param hasVoice  whether it carries a voice recording (Codec2)
 * @param timestamp seconds since the Unix epoch, as the author's clock said
 */
public record ChatMessage(FeedId author, long seq, String ref, List<String> tips, String text, boolean hasVoice,
        long timestamp) {
    public ChatMessage {
        tips = List.copyOf(tips);
    }
}
