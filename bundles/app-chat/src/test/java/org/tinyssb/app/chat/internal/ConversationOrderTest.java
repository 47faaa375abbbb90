package org.tinyssb.app.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.app.chat.ChatMessage;

class ConversationOrderTest {
    private static final FeedId ALICE = FeedId.of(new byte[32]);
    private static final FeedId BOB = FeedId.of(filled(1));

    private static byte[] filled(int v) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    private static ChatMessage m(FeedId a, long seq, String ref, long time, String... tips) {
        return new ChatMessage(a, seq, ref, List.of(tips), ref, false, time);
    }

    @Test
    void aReplyComesAfterWhatItAnswersEvenWhenItsClockIsBehind() {
        ChatMessage question = m(ALICE, 1, "q", 1000);
        ChatMessage answer = m(BOB, 1, "a", 900, "q"); // Bob's clock is slow
        ChatMessage other = m(BOB, 2, "o", 950);
        assertEquals(List.of(other, question, answer), ConversationOrder.sort(List.of(answer, question, other)));
    }

    @Test
    void withoutReferencesTimeDecidesThenAuthorAndSequence() {
        ChatMessage a1 = m(ALICE, 1, "a1", 10);
        ChatMessage b1 = m(BOB, 1, "b1", 10);
        ChatMessage a2 = m(ALICE, 2, "a2", 5);
        assertEquals(List.of(a2, a1, b1), ConversationOrder.sort(List.of(b1, a1, a2)));
    }

    @Test
    void unknownTipsAreIgnoredAndACycleFallsBackToTime() {
        ChatMessage x = m(ALICE, 1, "x", 20, "y", "never-seen");
        ChatMessage y = m(BOB, 1, "y", 10, "x");
        assertEquals(List.of(y, x), ConversationOrder.sort(List.of(x, y)));
        assertEquals(List.of(m(ALICE, 3, "z", 1, "gone")), ConversationOrder.sort(List.of(m(ALICE, 3, "z", 1, "gone"))));
    }

    @Test
    void aNewMessageNamesTheLatestLeaves() {
        ChatMessage q = m(ALICE, 1, "q", 10);
        ChatMessage a = m(BOB, 1, "a", 20, "q");
        ChatMessage b = m(BOB, 2, "b", 30);
        assertEquals(List.of("b", "a"), ConversationOrder.leaves(List.of(q, a, b), 4));
        assertEquals(List.of("b"), ConversationOrder.leaves(List.of(q, a, b), 1));
    }
}
