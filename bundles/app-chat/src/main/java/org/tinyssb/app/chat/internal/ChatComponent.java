package org.tinyssb.app.chat.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedInfo;
import org.tinyssb.api.IdentityService;
import org.tinyssb.api.NodeService;
import org.tinyssb.app.chat.ChatMessage;
import org.tinyssb.app.chat.ChatService;

/**
 * The chat on the node service alone: messages are entries of the authors' feeds, read through
 * {@link NodeService#read} and remembered per feed up to the last entry whose content is complete
 * (an entry whose side chain is still arriving is read again next time).
 */
@Component(service = ChatService.class)
public final class ChatComponent implements ChatService {
    /** Tips a new message names at most (the Android app names every leaf; a few keep entries small). */
    static final int MAX_TIPS = 4;

    private final NodeService node;
    private final IdentityService identity;
    private final LongSupplier epochSeconds;
    private final Map<FeedId, FeedScan> scans = new HashMap<>();

    /** What has been read of one feed. */
    private static final class FeedScan {
        long read;
        final List<ChatMessage> messages = new ArrayList<>();
        String name;
    }

    @Activate
    public ChatComponent(@Reference NodeService node, @Reference IdentityService identity) {
        this(node, identity, () -> System.currentTimeMillis() / 1000);
    }

    ChatComponent(NodeService node, IdentityService identity, LongSupplier epochSeconds) {
        this.node = node;
        this.identity = identity;
        this.epochSeconds = epochSeconds;
    }

    @Override
    public synchronized ChatMessage post(String text) {
        List<String> tips = ConversationOrder.leaves(conversation(), MAX_TIPS);
        long seq = node.publish(ChatCodec.encodeTav(tips, text, null, epochSeconds.getAsLong()));
        FeedId me = identity.nodeId();
        return message(node.read(me, seq).orElseThrow()).orElseThrow();
    }

    @Override
    public synchronized void setName(String name) {
        node.publish(ChatCodec.encodeIam(name));
    }

    @Override
    public synchronized List<ChatMessage> conversation() {
        List<ChatMessage> all = new ArrayList<>();
        for (FeedScan s : scanAll().values()) {
            all.addAll(s.messages);
        }
        return ConversationOrder.sort(all);
    }

    @Override
    public synchronized Map<FeedId, String> names() {
        Map<FeedId, String> names = new LinkedHashMap<>();
        scanAll().forEach((feed, s) -> {
            if (s.name != null) {
                names.put(feed, s.name);
            }
        });
        return names;
    }

    private Map<FeedId, FeedScan> scanAll() {
        for (FeedInfo f : node.feeds()) {
            FeedScan s = scans.computeIfAbsent(f.feed(), x -> new FeedScan());
            for (long seq = s.read + 1; seq <= f.height(); seq++) {
                Optional<EntryContent> c = node.read(f.feed(), seq);
                if (c.isEmpty() || !c.get().isComplete()) {
                    break; // try again when the side chain is complete
                }
                message(c.get()).ifPresent(s.messages::add);
                ChatCodec.decodeIam(c.get().available()).ifPresent(n -> s.name = n);
                s.read = seq;
            }
        }
        scans.keySet().retainAll(node.feeds().stream().map(FeedInfo::feed).toList()); // unfollowed feeds go
        return scans;
    }

    private static Optional<ChatMessage> message(EntryContent c) {
        return ChatCodec.decodeTav(c.available()).map(t -> new ChatMessage(c.feed(), c.seq(),
                Base64.getEncoder().encodeToString(c.messageId()), t.tips(), t.text(), t.voice() != null,
                t.timestamp()));
    }
}
