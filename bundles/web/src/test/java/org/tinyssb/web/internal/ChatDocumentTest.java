package org.tinyssb.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.app.chat.ChatMessage;
import org.tinyssb.app.chat.PrivateMessage;

class ChatDocumentTest {
    private final FeedId alice = FeedId.of(new byte[32]);
    private final FeedId bob = FeedId.parse("01" + "00".repeat(31));

    @Test
    void theNewestMessagesOldestFirstWithNames() {
        List<ChatMessage> all = List.of(
                new ChatMessage(alice, 1, "r1", List.of(), "first", false, 100),
                new ChatMessage(bob, 1, "r2", List.of("r1"), "second", false, 101),
                new ChatMessage(alice, 2, "r3", List.of("r2"), null, true, 102));
        String json = Json.write(ChatServlet.conversation(all, Map.of(alice, "Alice"), 2));
        assertEquals("{\"messages\":[{\"author\":\"" + bob.toSsbId() + "\",\"short\":\"" + bob.shortId()
                + "\",\"name\":null,\"seq\":1,\"text\":\"second\",\"voice\":false,\"timestamp\":101,\"ref\":\"r2\"},"
                + "{\"author\":\"" + alice.toSsbId() + "\",\"short\":\"" + alice.shortId() + "\",\"name\":\"Alice\","
                + "\"seq\":2,\"text\":null,\"voice\":true,\"timestamp\":102,\"ref\":\"r3\"}],\"total\":3}", json);
    }

    @Test
    void privateMessagesListTheirRecipients() {
        PrivateMessage m = new PrivateMessage(new ChatMessage(alice, 4, "r4", List.of(), "psst", false, 103),
                List.of(bob, alice));
        String json = Json.write(ChatServlet.privateMessages(List.of(m), Map.of(), 200));
        assertEquals("{\"messages\":[{\"author\":\"" + alice.toSsbId() + "\",\"short\":\"" + alice.shortId()
                + "\",\"name\":null,\"seq\":4,\"text\":\"psst\",\"voice\":false,\"timestamp\":103,\"ref\":\"r4\","
                + "\"recipients\":[\"" + bob.toSsbId() + "\",\"" + alice.toSsbId() + "\"]}],\"total\":1}", json);
    }

    @Test
    void recipientsAreAListOfWholeFeedIds() {
        assertEquals(List.of(alice), ChatServlet.recipients(List.of(alice.toSsbId())));
        assertEquals(List.of(alice), ChatServlet.recipients(List.of(alice.toHex())));
        assertNull(ChatServlet.recipients(null));
        assertNull(ChatServlet.recipients(List.of()));
        assertNull(ChatServlet.recipients(alice.toSsbId()), "one id, not a list");
        assertNull(ChatServlet.recipients(List.of(alice.toSsbId(), 3L)));
        assertNull(ChatServlet.recipients(List.of("bob")));
    }
}
