package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.config.guard.SettingCheck.Setting;

class ConfigValidationTest {
    private static final Setting PORT = new Setting("port", Setting.INTEGER, 0, List.of());
    private static final Setting SYNC = new Setting("sync", Setting.STRING, 0, List.of("always", "batch", "never"));

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
