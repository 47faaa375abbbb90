package org.tinyssb.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.app.chat.ChatMessage;

class ChatDocumentTest {
    @Test
    void theNewestMessagesOldestFirstWithNames() {
        FeedId alice = FeedId.of(new byte[32]);
        byte[] k = new byte[32];
        k[0] = 1;
        FeedId bob = FeedId.of(k);
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
}
