package org.tinyssb.app.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedInfo;
import org.tinyssb.api.IdentityService;
import org.tinyssb.api.NodeService;
import org.tinyssb.app.chat.PrivateMessage;
import org.tinyssb.codec.Bipf;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;

/**
 * Private messages between chat components of three nodes that hold the same replicated feeds:
 * who reads what, replies naming what they answer, and boxes that are not boxes.
 */
class PrivateMessagesTest {
    /** The feeds every node holds, as if replication were instant. */
    private final Map<FeedId, List<byte[]>> feeds = new LinkedHashMap<>();
    /** The chats, handed each new entry as the node's app dispatcher would. */
    private final List<ChatComponent> chats = new ArrayList<>();
    private final SigningKey alice = key("alice");
    private final SigningKey bob = key("bob");
    private final SigningKey mallory = key("mallory");
    private final ChatComponent aliceChat = chat(alice);
    private final ChatComponent bobChat = chat(bob);
    private final ChatComponent malloryChat = chat(mallory);

    @Test
    void theRecipientAndTheSenderReadAPrivateMessageAndNobodyElseDoes() {
        PrivateMessage sent = aliceChat.sendPrivate(List.of(bob.feedId()), "meet at the mast");
        assertEquals(List.of(bob.feedId(), alice.feedId()), sent.recipients(), "the sender last, as the Android app");

        List<PrivateMessage> bobs = bobChat.privateMessages();
        assertEquals(1, bobs.size());
        assertEquals("meet at the mast", bobs.get(0).message().text());
        assertEquals(alice.feedId(), bobs.get(0).message().author());
        assertEquals(sent, aliceChat.privateMessages().get(0), "the sender reads what it sent");
        assertTrue(malloryChat.privateMessages().isEmpty(), "mallory holds the entry but cannot open it");
        assertTrue(malloryChat.conversation().isEmpty() && bobChat.conversation().isEmpty(),
                "a private message is never shown as a public one");
        byte[] onTheWire = feeds.get(alice.feedId()).get(0);
        assertTrue(!new String(onTheWire, StandardCharsets.ISO_8859_1).contains("mast"), "the text is not in the clear");
    }

    @Test
    void aReplyNamesTheMessageItAnswersAndReadsAfterIt() {
        PrivateMessage question = aliceChat.sendPrivate(List.of(bob.feedId()), "where?");
        PrivateMessage answer = bobChat.sendPrivate(List.of(alice.feedId()), "at the mast");
        assertEquals(List.of(question.message().ref()), answer.message().tips());
        assertEquals(List.of(question, answer), aliceChat.privateMessages());
        PrivateMessage aside = aliceChat.sendPrivate(List.of(mallory.feedId()), "elsewhere");
        assertTrue(aside.message().tips().isEmpty(), "another conversation's messages are not its tips");
        assertEquals(List.of(aside), malloryChat.privateMessages());
    }

    @Test
    void contentsThatLookLikeBoxesButAreNotAreSkipped() {
        SecureRandom random = new SecureRandom();
        for (int length : new int[] {0, 1, 56, 121, 500}) {
            byte[] noise = new byte[length];
            random.nextBytes(noise);
            append(mallory.feedId(), Bipf.encode(noise));
        }
        append(mallory.feedId(), new byte[] {(byte) 0xff, 0x01}); // not BIPF at all
        aliceChat.sendPrivate(List.of(bob.feedId()), "still here");
        assertEquals(1, bobChat.privateMessages().size());
    }

    @Test
    void tooManyRecipientsOrNoneAreRefusedAndNothingIsPublished() {
        List<FeedId> seven = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            seven.add(key("friend " + i).feedId());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> aliceChat.sendPrivate(seven, "hi"));
        assertTrue(e.getMessage().contains("1 to 6 recipients besides this node"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> aliceChat.sendPrivate(List.of(alice.feedId()), "to myself"));
        assertEquals(6, aliceChat.sendPrivate(seven.subList(0, 6), "six is fine").recipients().size() - 1);
        assertEquals(1, feeds.get(alice.feedId()).size(), "only the message that was sent");
    }

    @Test
    void recipientsAreTypedAsNamesOrIds() {
        Map<FeedId, String> names = Map.of(bob.feedId(), "Bob", mallory.feedId(), "mallory");
        List<FeedId> known = List.of(alice.feedId(), bob.feedId(), mallory.feedId());
        assertEquals(List.of(bob.feedId(), mallory.feedId()), ChatCommands.recipients("bob, MALLORY", names, known));
        assertEquals(List.of(alice.feedId()), ChatCommands.recipients(alice.feedId().shortId(), names, known));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChatCommands.recipients("carol", names, known))
                .getMessage().contains("is not a feed id"));
        Map<FeedId, String> twins = Map.of(bob.feedId(), "sam", mallory.feedId(), "sam");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChatCommands.recipients("sam", twins, known))
                .getMessage().contains("2 authors are called 'sam'"));
    }

    @Test
    void theTableShowsWhoWroteToWhom() {
        aliceChat.sendPrivate(List.of(bob.feedId()), "hello\nbob");
        String table = ChatCommands.renderPrivate(bobChat.privateMessages(), Map.of(alice.feedId(), "alice"), 20);
        List<String> lines = table.lines().toList();
        assertEquals(3, lines.size(), table);
        assertTrue(lines.get(0).matches("time\\s+from\\s+to\\s+message"), table);
        assertTrue(lines.get(2).matches(".*alice\\s+" + bob.feedId().shortId() + "\\s+hello bob"), table);
        assertEquals("no private messages for this node's identities\n", ChatCommands.renderPrivate(List.of(), Map.of(), 20));
    }

    @Test
    void publicPostsMayTakeTheSimplechatShapeAndAreReadBackTheSame() throws Exception {
        ChatComponent python = chat(key("paula"), true);
        var posted = python.post("hello, simplechat");
        byte[] written = feeds.get(key("paula").feedId()).get(0);
        assertEquals(List.of("TAV", "hello, simplechat"), ((List<?>) Bipf.decode(written)).subList(0, 2),
                "no tips: the Python client's shape");
        assertEquals("hello, simplechat", posted.text());
        assertEquals(List.of(posted), aliceChat.conversation(), "the others read it as any post");
    }

    private ChatComponent chat(SigningKey me) {
        return chat(me, false);
    }

    private ChatComponent chat(SigningKey me, boolean simplechatShape) {
        feeds.putIfAbsent(me.feedId(), new ArrayList<>());
        NodeService node = (NodeService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {NodeService.class}, (p, m, args) -> switch (m.getName()) {
                    case "publish" -> append(me.feedId(), (byte[]) args[args.length - 1]);
                    case "read" -> read((FeedId) args[0], (Long) args[1]);
                    case "feeds" -> infos();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        IdentityService identity = (IdentityService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {IdentityService.class}, (p, m, args) -> switch (m.getName()) {
                    case "nodeId" -> me.feedId();
                    case "identities" -> List.of(me.feedId());
                    case "curve25519Agreement" -> me.feedId().equals(args[0])
                            ? me.curve25519Agreement((byte[]) args[1]) : Optional.empty();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        ChatComponent chat = new ChatComponent(node, identity,
                () -> 1_764_547_200L + feeds.values().stream().mapToInt(List::size).sum(), new SecureRandom(),
                simplechatShape);
        chats.add(chat);
        return chat;
    }

    private long append(FeedId feed, byte[] content) {
        List<byte[]> entries = feeds.computeIfAbsent(feed, f -> new ArrayList<>());
        entries.add(content.clone());
        long seq = entries.size();
        EntryContent stored = read(feed, seq).orElseThrow();
        Object decoded;
        try {
            decoded = Bipf.decode(content);
        } catch (org.tinyssb.codec.BipfException e) {
            return seq; // not BIPF: the node hands it to no app
        }
        for (ChatComponent chat : chats) {
            chat.entry(stored, decoded);
        }
        return seq;
    }

    private Optional<EntryContent> read(FeedId feed, long seq) {
        List<byte[]> entries = feeds.get(feed);
        if (entries == null || seq > entries.size()) {
            return Optional.empty();
        }
        byte[] content = entries.get((int) seq - 1);
        byte[] id = new byte[20];
        System.arraycopy(Sha256.digest((feed.toHex() + seq).getBytes(StandardCharsets.US_ASCII)), 0, id, 0, 20);
        return Optional.of(new EntryContent(feed, seq, content.length, content, id));
    }

    private List<FeedInfo> infos() {
        List<FeedInfo> out = new ArrayList<>();
        feeds.forEach((f, e) -> out.add(new FeedInfo(f, e.size(), out.size(), false, true, true, 0, 0, 0, 0)));
        return out;
    }

    private static SigningKey key(String name) {
        return SigningKey.fromSeed(Sha256.digest(name.getBytes(StandardCharsets.US_ASCII)));
    }
}
