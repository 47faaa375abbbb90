package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every feature the distribution ships starts a node whose bundles all resolve and start (the
 * console shell aside, off with --no-shell), and stops cleanly. Hardware that is absent here (a
 * serial board, an SX127x) is reported by its component; the node runs on.
 */
class ShippedFeaturesStartIT {
    private static final Path DIST = Path.of(System.getProperty("tinyssb.dist"));
    private static final int SIGTERM_EXIT = 143;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"minimal", "default", "pub", "lora-usb", "esp32-bt", "lora-pi", "sim", "web"})
    void theFeatureStartsEveryBundleAndStopsCleanly(String feature) throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        NodeProcess.freePortsConfig(config);
        NodeProcess.freeHttpConfig(config);
        if (feature.equals("pub") || feature.equals("lora-usb")) {
            // keep the pub's server on this machine, on a free port
            Files.writeString(config.resolve("org.tinyssb.link.websocket.server.cfg"),
                    "host = 127.0.0.1\nport = " + NodeProcess.freePort() + "\n");
        }
        if (feature.equals("lora-usb")) {
            Files.writeString(config.resolve("org.tinyssb.radio.rnode.cfg"),
                    "port = " + dir.resolve("no-such-tty") + "\n");
        }
        if (feature.equals("esp32-bt")) {
            Files.writeString(config.resolve("org.tinyssb.radio.serial.cfg"),
                    "port = " + dir.resolve("no-such-rfcomm") + "\n");
        }
        try (NodeProcess node = NodeProcess.start(DIST, "--feature", feature, "--no-shell", "--data",
                dir.resolve("data").toString(), "--config", config.toString(), "--deploy",
                dir.resolve("deploy").toString())) {
            String installed = node.awaitLine("the bundle summary", l -> l.startsWith("  bundles   "));
            int count = Integer.parseInt(installed.strip().split("\\s+")[1]); // a fresh node: IDs 1..count
            String table = node.awaitLine("the last row of the bundle table",
                    l -> l.matches("\\s+" + count + "\\s+[A-Z]+\\s.*"));
            List<String> notStarted = node.output().lines()
                    .filter(l -> l.matches("\\s+\\d+\\s+(INSTALLED|RESOLVED|STARTING).*"))
                    .filter(l -> !l.contains("org.apache.felix.gogo.shell") && !l.contains("org.apache.felix.gogo.jline"))
                    .toList();
            assertFalse(table.isEmpty());
            assertEquals(List.of(), notStarted, "bundles of '" + feature + "' that did not start:\n" + node.output());
            node.terminate();
            assertEquals(SIGTERM_EXIT, node.awaitExit(), node.output());
        }
    }
}
