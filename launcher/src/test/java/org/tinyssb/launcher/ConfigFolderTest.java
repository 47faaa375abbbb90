package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFolderTest {
    @TempDir
    Path dir;

    @Test
    void defaultFolderIsCreatedButANamedOneMustExist() throws LaunchException {
        Path config = dir.resolve("config");
        ConfigFolder.prepare(config, false);
        assertTrue(Files.isDirectory(config));
        LaunchException e = assertThrows(LaunchException.class,
                () -> ConfigFolder.prepare(dir.resolve("absent"), true));
        assertEquals(LaunchException.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void malformedConfigFileStopsTheLaunchNamingTheFile() throws IOException {
        Path bad = Files.writeString(dir.resolve("x.cfg"), "key = \\uZZZZ\n");
        LaunchException e = assertThrows(LaunchException.class, () -> ConfigFolder.prepare(dir, true));
        assertTrue(e.getMessage().startsWith("config file " + bad + " is malformed"), e.getMessage());
    }

    @Test
    void featureDefaultsAreWrittenOnlyWherenoFileExists() throws Exception {
        Files.writeString(dir.resolve("kept.pid.cfg"), "mine = yes\n");
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        configs.put("kept.pid", Map.of("mine", "no"));
        configs.put("new.pid", Map.of("port", "8080"));
        configs.put("factory.pid~pub", Map.of("url", "ws://pub.example:8080"));
        List<Path> written = ConfigFolder.seed(dir, "test", configs);

        assertEquals(List.of(dir.resolve("new.pid.cfg"), dir.resolve("factory.pid-pub.cfg")), written);
        assertEquals("mine = yes\n", Files.readString(dir.resolve("kept.pid.cfg")), "operator's file untouched");
        assertEquals("8080", load(dir.resolve("new.pid.cfg")).getProperty("port"));
        assertEquals("ws://pub.example:8080", load(dir.resolve("factory.pid-pub.cfg")).getProperty("url"));
        ConfigFolder.prepare(dir, true); // what it writes, it can read
    }

    @Test
    void escapedValuesReadBackUnchanged() throws IOException {
        String awkward = " leading space, a=b: #not a comment! \\ back\nslash grüße ✓";
        Files.writeString(dir.resolve("e.cfg"), ConfigFolder.escape("odd key=", true) + " = "
                + ConfigFolder.escape(awkward, false) + "\n");
        Properties p = load(dir.resolve("e.cfg"));
        assertEquals(awkward, p.getProperty("odd key="));
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }
}
