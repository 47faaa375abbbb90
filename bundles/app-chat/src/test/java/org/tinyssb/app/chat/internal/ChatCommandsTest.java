package org.tinyssb.app.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.app.chat.ChatMessage;

class ChatCommandsTest {
    @Test
    void aCountOfMessagesIsAPositiveNumberOrNothing() {
        assertEquals(5, ChatCommands.count(" 5 "));
        assertNull(ChatCommands.count("abc"), "'chat read abc' is told so, not a NumberFormatException");
        assertNull(ChatCommands.count("0"));
        assertNull(ChatCommands.count("-3"));
        assertNull(ChatCommands.count("99999999999"));
    }

    @Test
    void aPostIsAnsweredWithItsPlaceAuthorAndTimeNotItsRawReference() {
        FeedId alice = FeedId.parse("108a1d87" + "00".repeat(28));
        ChatMessage m = new ChatMessage(alice, 3, "x%Xb7nq3d0c6mUQkJxq0sHqSjaY=", List.of("tip"), "hello", false,
                1_765_195_200L);
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault())
                .format(Instant.ofEpochSecond(1_765_195_200L));
        assertEquals("posted 108a1d87#3 as alice at " + when + " ('chat read' shows the conversation)",
                ChatCommands.posted(m, Map.of(alice, "alice")));
        assertEquals("posted 108a1d87#3 as 108a1d87 at " + when + " ('chat read' shows the conversation)",
                ChatCommands.posted(m, Map.of()), "without a name: the short id");
    }
}
