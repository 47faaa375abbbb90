package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.launcher.ConfigValidation.Setting;

class ConfigValidationTest {
    private static final Setting PORT = new Setting("port", Setting.INTEGER, 0, List.of());
    private static final Setting SYNC = new Setting("sync", Setting.STRING, 0, List.of("always", "batch", "never"));
    private static final Setting FLAG = new Setting("listen.before.talk", Setting.BOOLEAN, 0, List.of());

    @Test
    void valuesAreCheckedByTypeOptionsAndSubstitution() {
        assertNull(ConfigValidation.problem(PORT, " 8080 "));
        assertEquals("a whole number (32-bit) is allowed", ConfigValidation.problem(PORT, "abc"));
        assertEquals("a whole number (32-bit) is allowed", ConfigValidation.problem(PORT, "99999999999"));
        assertNull(ConfigValidation.problem(SYNC, "batch"));
        assertEquals("one of always, batch, never is allowed", ConfigValidation.problem(SYNC, "sometimes"));
        assertEquals("true or false is allowed", ConfigValidation.problem(FLAG, "yes"));
        assertNull(ConfigValidation.problem(FLAG, "TRUE"));
        Setting dir = new Setting("dir", Setting.STRING, 0, List.of());
        assertEquals("'${' without its '}' (${name} stands for a framework or system property)",
                ConfigValidation.problem(dir, "${nope"));
        assertNull(ConfigValidation.problem(dir, "${user.home}/tinyssb"), "substituted by FileInstall");
        assertNull(ConfigValidation.problem(new Setting("peers", Setting.STRING, -10, List.of("a")), "b,c"),
                "lists are the component's to check");
    }

    @Test
    void theFolderIsCheckedFileByFileAgainstItsPidsOrFactoryPids(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("org.tinyssb.link.websocket.server.cfg"), "port = abc\nunknown.key = x\n");
        Files.writeString(dir.resolve("org.tinyssb.radio.sim-node.cfg"), "port = 1\nsync = sometimes\n");
        Files.writeString(dir.resolve("org.apache.felix.http.cfg"), "org.osgi.service.http.port = not checked\n");
        Map<String, Map<String, Setting>> described = Map.of(
                "org.tinyssb.link.websocket.server", Map.of("port", PORT),
                "org.tinyssb.radio.sim", Map.of("port", PORT, "sync", SYNC));
        assertEquals(List.of(
                "config file " + dir.resolve("org.tinyssb.link.websocket.server.cfg") + ": port = abc: a whole number "
                        + "(32-bit) is allowed",
                "config file " + dir.resolve("org.tinyssb.radio.sim-node.cfg") + ": sync = sometimes: one of always, "
                        + "batch, never is allowed"), ConfigValidation.check(dir, described));
    }
}
