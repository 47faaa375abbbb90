package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ComponentFailuresTest {
    @Test
    void theReasonIsTheInnermostCauseWithoutItsType() {
        String trace = "java.lang.reflect.InvocationTargetException\n\tat a.B.c(B.java:1)\n"
                + "Caused by: java.io.IOException: key file /k/node.key is corrupt: expected one line\n\tat d.E.f(E.java:2)\n";
        assertEquals("key file /k/node.key is corrupt: expected one line", ComponentFailures.rootCause(trace));
        assertEquals("Unable to get service for reference identity",
                ComponentFailures.rootCause("Unable to get service for reference identity"));
        assertEquals("(no reason given)", ComponentFailures.rootCause(""));
    }
}
