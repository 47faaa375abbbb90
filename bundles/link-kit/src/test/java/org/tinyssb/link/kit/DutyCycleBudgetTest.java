package org.tinyssb.link.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DutyCycleBudgetTest {
    @Test
    void theDutyCycleBudgetAllowsOnePercentOfAnyHour() {
        AtomicLong now = new AtomicLong(0);
        DutyCycleBudget budget = new DutyCycleBudget(0.01, 3_600_000, now::get);
        assertEquals(36_000, budget.allowedMillis(), 1e-9);
        int frames = 0;
        while (budget.waitMillis(205) == 0) {
            budget.spend(205);
            frames++;
            now.addAndGet(1_000);
        }
        assertEquals(175, frames, "36 s of 205 ms frames");
        long wait = budget.waitMillis(205);
        assertEquals(3_600_000 - 175_000, wait, "until the first frame (t = 0) leaves the window; it is t = 175 s");
        now.addAndGet(wait);
        assertEquals(0, budget.waitMillis(205));
        assertEquals(Long.MAX_VALUE, new DutyCycleBudget(0.00001, 3_600_000, now::get).waitMillis(205),
                "a frame longer than the whole budget never fits");
    }
}
