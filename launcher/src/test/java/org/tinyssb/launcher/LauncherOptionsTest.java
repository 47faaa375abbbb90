package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {
    @Test
    void defaultsAreTheDefaultFeatureInTheWorkingDirectory() throws LaunchException {
        LauncherOptions o = LauncherOptions.parse();
        assertEquals("default", o.feature());
        assertEquals(Path.of("data").toAbsolutePath(), o.dataDir());
        assertEquals(Path.of("config").toAbsolutePath(), o.configDir());
        assertEquals(Path.of("deploy").toAbsolutePath(), o.deployDir());
        assertTrue(o.shell());
        assertFalse(o.configExplicit());
    }

    @Test
    void everyOptionIsRead() throws LaunchException {
        LauncherOptions o = LauncherOptions.parse("--feature", "minimal", "--data", "/var/lib/tssb",
                "--config", "/etc/tssb", "--deploy", "/srv/deploy", "--no-shell", "--log-level", "DEBUG");
        assertEquals("minimal", o.feature());
        assertEquals(Path.of("/var/lib/tssb"), o.dataDir());
        assertEquals(Path.of("/etc/tssb"), o.configDir());
        assertEquals(Path.of("/srv/deploy"), o.deployDir());
        assertTrue(o.configExplicit());
        assertFalse(o.shell());
        assertEquals("debug", o.logLevel());
    }

    @Test
    void badCommandLinesSayWhatIsWrong() {
        assertMessage("unknown option '--verbose' (see --help)", "--verbose");
        assertMessage("option --data needs a value (see --help)", "--data");
        assertMessage("option --feature needs a value (see --help)", "--feature", "--no-shell");
        assertMessage("unknown log level 'loud': use error, warn, info, debug or trace", "--log-level", "loud");
    }

    private static void assertMessage(String expected, String... args) {
        LaunchException e = assertThrows(LaunchException.class, () -> LauncherOptions.parse(args));
        assertEquals(expected, e.getMessage());
        assertEquals(LaunchException.BAD_INPUT, e.exitCode());
    }
}
