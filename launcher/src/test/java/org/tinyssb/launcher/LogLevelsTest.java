package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Edits of the levels file applied to Logback while running: set, changed back, refused one by one. */
class LogLevelsTest {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @Test
    void namedLoggersTakeTheirLevelAndGoBackToInheritingWhenNoLongerNamed() {
        LogLevels levels = LogLevels.forTest();
        levels.updated(Map.of("org.example.a", "debug", "org.example.b", "warn", "service.pid", "org.tinyssb.logging"));
        assertEquals(Level.DEBUG, context.getLogger("org.example.a").getLevel());
        assertEquals(Level.WARN, context.getLogger("org.example.b").getLevel());
        assertNull(context.getLogger("service.pid").getLevel(), "ConfigAdmin's own properties are no loggers");

        levels.updated(Map.of("org.example.b", "error"));
        assertNull(context.getLogger("org.example.a").getLevel(), "no longer named: inherits again");
        assertEquals(Level.ERROR, context.getLogger("org.example.b").getLevel());

        levels.updated(null); // the file deleted
        assertNull(context.getLogger("org.example.b").getLevel());
    }

    @Test
    void aBadLevelIsRefusedAndTheRestApplies() {
        LogLevels levels = LogLevels.forTest();
        levels.updated(Map.of("org.example.c", "chatty", "org.example.d", "trace"));
        assertNull(context.getLogger("org.example.c").getLevel());
        assertEquals(Level.TRACE, context.getLogger("org.example.d").getLevel());
        levels.updated(null);
    }

    @Test
    void aRootLineRemovedGivesTheRootItsStartLevelBack() {
        LogLevels levels = LogLevels.forTest();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        try {
            levels.updated(Map.of("ROOT", "warn"));
            assertEquals(Level.WARN, root.getLevel());
            levels.updated(Map.of("org.example.e", "debug"));
            assertEquals(Level.INFO, root.getLevel(), "back to --log-level, not an error");
            assertEquals(Level.DEBUG, context.getLogger("org.example.e").getLevel(), "the rest of the edit applied");
        } finally {
            levels.updated(null);
            root.setLevel(before);
        }
    }
}
