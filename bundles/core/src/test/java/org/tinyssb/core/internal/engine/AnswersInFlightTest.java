package org.tinyssb.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswersInFlightTest {
    private static final long HOLD = 1_000;

    @Test
    void askingAgainForWhatIsOnItsWayGetsThePacketsAfterIt() {
        AnswersInFlight f = new AnswersInFlight(24, 48, HOLD);
        assertEquals(new AnswersInFlight.Window(1, 24, 0), f.asked("feed", 1, 0));
        f.sent("feed", 1, 24, 0);
        // the peer verified 5 of them and asks from 6: 19 still on their way, 5 more fit its window
        assertEquals(new AnswersInFlight.Window(25, 5, 19), f.asked("feed", 6, 10));
        f.sent("feed", 6, 29, 10);
        // nothing used since: nothing more to send
        assertEquals(new AnswersInFlight.Window(30, 0, 24), f.asked("feed", 6, 20));
        // everything arrived: the window starts where the peer asks
        assertEquals(new AnswersInFlight.Window(30, 24, 0), f.asked("feed", 30, 30));
    }

    @Test
    void whatThePeerDoesNotUseWithinTheHoldCountsAsLostAndIsSentAgain() {
        AnswersInFlight f = new AnswersInFlight(24, 48, HOLD);
        f.asked("feed", 1, 0);
        f.sent("feed", 1, 24, 0);
        assertEquals(new AnswersInFlight.Window(25, 0, 24), f.asked("feed", 1, HOLD));
        assertEquals(new AnswersInFlight.Window(1, 24, 0), f.asked("feed", 1, HOLD + 1));
    }

    @Test
    void askingForLessThanBeforeStartsOverThere() {
        AnswersInFlight f = new AnswersInFlight(24, 48, HOLD);
        f.asked("chain", 0, 0);
        f.sent("chain", 0, 23, 0);
        f.asked("chain", 10, 5);
        assertEquals(new AnswersInFlight.Window(3, 24, 0), f.asked("chain", 3, 6), "a peer that lost its place");
    }

    @Test
    void aVectorsRowsTogetherHaveAtMostTheVectorsWindowOnTheirWay() {
        AnswersInFlight f = new AnswersInFlight(24, 48, HOLD);
        List<RoundRobinAnswer.Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(new RoundRobinAnswer.Row("feed-" + i, 1, p -> p <= 100 ? Optional.of(new byte[] {(byte) p})
                    : Optional.empty()));
        }
        assertEquals(48, RoundRobinAnswer.answer(rows, 96, f, null, 0).size(), "the vector's window, not the credit");
        assertEquals(0, RoundRobinAnswer.answer(rows, 96, f, null, 1).size(), "asked again at once: all on their way");
        // rows a later vector does not name do not count against it (a peer's CHNK vectors rotate)
        List<RoundRobinAnswer.Row> others = List.of(new RoundRobinAnswer.Row("chain", 0,
                p -> p < 30 ? Optional.of(new byte[] {(byte) p}) : Optional.empty()));
        assertEquals(24, RoundRobinAnswer.answer(others, 96, f, null, 2).size(), "a row's own window");
    }

    @Test
    void memoryStaysBoundedWhateverThePeerNames() {
        AnswersInFlight f = new AnswersInFlight(24, 48, HOLD);
        for (int i = 0; i < 10 * AnswersInFlight.MAX_TRACKED; i++) {
            f.asked(i, 1, i);
            f.sent(i, 1, 1, i);
        }
        assertEquals(AnswersInFlight.MAX_TRACKED, f.tracked());
    }
}
