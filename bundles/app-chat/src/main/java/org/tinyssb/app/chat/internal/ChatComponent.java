package org.tinyssb.app.chat.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.tinyssb.api.AppListener;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.IdentityService;
import org.tinyssb.api.NodeService;
import org.tinyssb.app.chat.ChatMessage;
import org.tinyssb.app.chat.ChatService;
import org.tinyssb.app.chat.PrivateMessage;
import org.tinyssb.codec.Bipf;
import org.tinyssb.codec.PrivateBox;

/**
 * The chat as an app of the node ({@link AppListener}): the node hands it every entry of every feed,
 * those it held first, and the chat keeps the messages and names in memory, per feed. A private
 * message is an entry whose content is a box ({@link PrivateBox}); each is tried once with every
 * local identity. What this node posts is taken at once (and not twice when the node hands it over).
 */
@Component(service = {ChatService.class, AppListener.class}, configurationPid = ChatComponent.PID)
@Designate(ocd = ChatComponent.Config.class)
public final class ChatComponent implements ChatService, AppListener {
    static final String PID = "org.tinyssb.app.chat";

    @ObjectClassDefinition(name = "tinySSB chat", description = "The public chat of the tinySSB apps.")
    public @interface Config {
        @AttributeDefinition(name = "Shape of posts", description = "How public posts are written: android "
                + "([\"TAV\", tips, text, voice, time], which the Android app shows) or simplechat ([\"TAV\", text, "
                + "voice, time], which the Python client shows). Both are read either way.",
                options = {@Option(label = "android", value = "android"), @Option(label = "simplechat", value = "simplechat")})
        String post_shape() default "android";
    }

    /** Tips a new message names at most (the Android app names every leaf; a few keep entries small). */
    static final int MAX_TIPS = 4;

    private final NodeService node;
    private final IdentityService identity;
    private final LongSupplier epochSeconds;
    private final SecureRandom random;
    /** Whether public posts take the Python client's shape (no tips), which that client can show. */
    private final boolean simplechatShape;
    private final Map<FeedId, FeedScan> scans = new HashMap<>();

    /** What has been read of one feed. */
    private static final class FeedScan {
        final Set<Long> seen = new HashSet<>();
        final List<ChatMessage> messages = new ArrayList<>();
        final List<PrivateMessage> privateMessages = new ArrayList<>();
        String name;
    }

    @Activate
    public ChatComponent(@Reference NodeService node, @Reference IdentityService identity, Config config) {
        this(node, identity, () -> System.currentTimeMillis() / 1000, new SecureRandom(),
                "simplechat".equals(config.post_shape()));
    }

    ChatComponent(NodeService node, IdentityService identity, LongSupplier epochSeconds, SecureRandom random) {
        this(node, identity, epochSeconds, random, false);
    }

    ChatComponent(NodeService node, IdentityService identity, LongSupplier epochSeconds, SecureRandom random,
            boolean simplechatShape) {
        this.node = node;
        this.identity = identity;
        this.epochSeconds = epochSeconds;
        this.random = random;
        this.simplechatShape = simplechatShape;
    }

    @Override
    public synchronized ChatMessage post(String text) {
        List<String> tips = ConversationOrder.leaves(conversation(), MAX_TIPS);
        long seq = node.publish(simplechatShape ? ChatCodec.encodeSimplechatTav(text, epochSeconds.getAsLong())
                : ChatCodec.encodeTav(tips, text, null, epochSeconds.getAsLong()));
        FeedId me = identity.nodeId();
        EntryContent posted = node.read(me, seq).orElseThrow();
        Object content = ChatCodec.value(posted.available());
        take(posted, content);
        return message(posted, content).orElseThrow();
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

    @Override
    public synchronized PrivateMessage sendPrivate(List<FeedId> recipients, String text) {
        FeedId me = identity.nodeId();
        List<FeedId> sealedFor = new ArrayList<>(new java.util.LinkedHashSet<>(recipients));
        sealedFor.remove(me);
        if (sealedFor.isEmpty() || sealedFor.size() > PrivateBox.MAX_RECIPIENTS - 1) {
            throw new IllegalArgumentException("a private message goes to 1 to " + (PrivateBox.MAX_RECIPIENTS - 1)
                    + " recipients besides this node, got " + sealedFor.size());
        }
        sealedFor.add(me); // last, as the Android app does: the sender reads what it sent
        Set<FeedId> conversation = new HashSet<>(sealedFor);
        List<ChatMessage> sameParties = new ArrayList<>();
        for (PrivateMessage m : privateMessages()) {
            if (new HashSet<>(m.recipients()).equals(conversation)) {
                sameParties.add(m.message());
            }
        }
        byte[] plaintext = ChatCodec.encodePrivateTav(ConversationOrder.leaves(sameParties, MAX_TIPS), text,
                epochSeconds.getAsLong(), sealedFor);
        long seq = node.publish(Bipf.encode(PrivateBox.seal(plaintext, sealedFor, random)));
        EntryContent sent = node.read(me, seq).orElseThrow();
        take(sent, ChatCodec.value(sent.available()));
        return scans.get(me).privateMessages.stream().filter(m -> m.message().seq() == seq).findFirst()
                .orElseThrow(() -> new IllegalStateException("private message #" + seq + " cannot be read back"));
    }

    @Override
    public synchronized List<PrivateMessage> privateMessages() {
        Map<ChatMessage, PrivateMessage> byMessage = new HashMap<>();
        for (FeedScan s : scanAll().values()) {
            s.privateMessages.forEach(m -> byMessage.put(m.message(), m));
        }
        List<PrivateMessage> sorted = new ArrayList<>();
        for (ChatMessage m : ConversationOrder.sort(new ArrayList<>(byMessage.keySet()))) {
            sorted.add(byMessage.get(m));
        }
        return sorted;
    }

    @Override
    public synchronized void entry(EntryContent entry, Object content) {
        take(entry, content);
    }

    /** Keeps what entry {@code c} (its content decoded) says: a message, a name, a private message; each entry once. */
    private synchronized void take(EntryContent c, Object content) {
        FeedScan s = scans.computeIfAbsent(c.feed(), x -> new FeedScan());
        if (!s.seen.add(c.seq())) {
            return;
        }
        message(c, content).ifPresent(s.messages::add);
        ChatCodec.iam(content).ifPresent(n -> s.name = n);
        openPrivate(c, content).ifPresent(s.privateMessages::add);
    }

    /** What is kept of the feeds the node still holds (an unfollowed feed's messages go with it). */
    private Map<FeedId, FeedScan> scanAll() {
        Set<FeedId> held = new HashSet<>();
        node.feeds().forEach(f -> held.add(f.feed()));
        scans.keySet().retainAll(held);
        return scans;
    }

    /** The private message in entry {@code c}, if it is a box one of this node's identities opens. */
    private Optional<PrivateMessage> openPrivate(EntryContent c, Object content) {
        Optional<byte[]> box = ChatCodec.box(content);
        if (box.isEmpty()) {
            return Optional.empty();
        }
        for (FeedId local : identity.identities()) {
            Optional<byte[]> plaintext = PrivateBox.open(box.get(), key -> identity.curve25519Agreement(local, key));
            if (plaintext.isPresent()) {
                return ChatCodec.decodePrivateTav(plaintext.get()).map(p -> new PrivateMessage(new ChatMessage(c.feed(),
                        c.seq(), Base64.getEncoder().encodeToString(c.messageId()), p.tav().tips(), p.tav().text(),
                        p.tav().voice() != null, p.tav().timestamp()), p.recipients()));
            }
        }
        return Optional.empty();
    }

    private static Optional<ChatMessage> message(EntryContent c, Object content) {
        return ChatCodec.tav(content).map(t -> new ChatMessage(c.feed(), c.seq(),
                Base64.getEncoder().encodeToString(c.messageId()), t.tips(), t.text(), t.voice() != null,
                t.timestamp()));
    }
}
