package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LogSetupTest {
    @Test
    void levelsByLoggerNameComeFromTheConfigFolderAndABadOneIsOneLine(@TempDir Path dir) throws Exception {
        assertEquals(Map.of(), LogSetup.levels(dir.resolve(LogSetup.LEVELS_FILE)), "no file: no levels");
        Path file = Files.writeString(dir.resolve(LogSetup.LEVELS_FILE),
                "# per package\norg.tinyssb.core = debug\norg.tinyssb.link.websocket = WARN\n");
        assertEquals(Map.of("org.tinyssb.core", Level.DEBUG, "org.tinyssb.link.websocket", Level.WARN),
                LogSetup.levels(file));
        Files.writeString(file, "org.tinyssb.core = loud\n");
        LaunchException e = assertThrows(LaunchException.class, () -> LogSetup.levels(file));
        assertEquals(LaunchException.BAD_INPUT, e.exitCode());
        assertEquals("config file " + file + ": org.tinyssb.core = loud: one of trace, debug, info, warn, error, off is "
                + "allowed", e.getMessage());
    }

    @Test
    void theLogGoesToTheConsoleAndToARollingFileInTheDataFolder(@TempDir Path dir) throws Exception {
        Path logDir = Files.createDirectories(dir.resolve("log"));
        LogSetup.configure("info", Map.of("org.tinyssb.quiet", Level.ERROR), logDir);
        try {
            LoggerFactory.getLogger("org.tinyssb.test").info("a line for the file");
            LoggerFactory.getLogger("org.tinyssb.quiet").warn("below its level");
            String log = Files.readString(logDir.resolve("node.log"));
            assertTrue(log.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO org.tinyssb.test - a line for the file\\n"),
                    log);
        } finally {
            LogSetup.configure("info", Map.of(), null); // the console only again, the file closed
        }
    }
}
