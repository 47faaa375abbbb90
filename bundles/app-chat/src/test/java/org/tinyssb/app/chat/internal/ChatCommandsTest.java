package org.tinyssb.app.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ChatCommandsTest {
    @Test
    void aCountOfMessagesIsAPositiveNumberOrNothing() {
        assertEquals(5, ChatCommands.count(" 5 "));
        assertNull(ChatCommands.count("abc"), "'chat read abc' is told so, not a NumberFormatException");
        assertNull(ChatCommands.count("0"));
        assertNull(ChatCommands.count("-3"));
        assertNull(ChatCommands.count("99999999999"));
    }
}
