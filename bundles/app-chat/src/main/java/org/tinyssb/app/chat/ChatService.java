package org.tinyssb.app.chat;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;
import org.tinyssb.api.FeedId;

/** The public chat: posting as this node, reading everyone's messages. */
@ProviderType
public interface ChatService {
    /** Posts {@code text}, referring to the latest messages seen; returns the message. */
    ChatMessage post(String text);

    /** Publishes this node's display name (an {@code IAM} entry). */
    void setName(String name);

    /** Every message held, causal order first (a message after those it refers to), then time. */
    List<ChatMessage> conversation();

    /** Display names by author, from each author's latest {@code IAM} entry. */
    Map<FeedId, String> names();

    /**
     * Sends {@code text} as a private message to {@code recipients} (besides this node, which can
     * read what it sent): sealed in a box only they can open, published to this node's feed.
     *
     * @throws IllegalArgumentException for no recipient, more than six, or an id that is not an
     *                                  Ed25519 public key
     * @since 1.1
     */
    PrivateMessage sendPrivate(List<FeedId> recipients, String text);

    /** Every private message one of this node's identities can open, in conversation order (since 1.1). */
    List<PrivateMessage> privateMessages();
}
