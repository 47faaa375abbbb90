package org.tinyssb.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.launcher.NodeProcess;

/**
 * The Debian package and the tarball of one node build, inspected as dpkg and tar see them, and
 * the packaged node started from the unpacked package.
 */
class PackageIT {
    private static final Path DEB = Path.of(System.getProperty("tinyssb.deb"));
    private static final Path TARBALL = Path.of(System.getProperty("tinyssb.tarball"));
    private static final String FEATURE = System.getProperty("tinyssb.feature");

    @TempDir
    Path dir;

    @Test
    void theControlFileNamesThePackageItsJavaAndItsFeature() throws Exception {
        String info = run("dpkg-deb", "--info", DEB.toString());
        assertTrue(info.contains("Package: tinyssb-node"), info);
        assertTrue(info.contains("Architecture: all"), info);
        assertTrue(info.contains("Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless, adduser"), info);
        assertTrue(info.contains("Description: tinySSB node (feature " + FEATURE + ")"), info);
        assertTrue(info.matches("(?s).*Version: 0\\.1\\.0~.*"), "a snapshot sorts before its release: " + info);
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertTrue(info.contains(script), script + " in " + info);
        }
        String postinst = run("dpkg-deb", "--info", DEB.toString(), "postinst");
        assertTrue(postinst.contains("adduser --system --group --home /var/lib/tinyssb-node"), postinst);
        assertTrue(postinst.contains("chown tinyssb:tinyssb /var/lib/tinyssb-node /etc/tinyssb-node"), postinst);
    }

    @Test
    void theFilesAreTheTrimmedNodeItsUnitAndItsFolders() throws Exception {
        List<String> files = run("dpkg-deb", "--contents", DEB.toString()).lines().toList();
        assertTrue(has(files, "-rwxr-xr-x", "./usr/lib/tinyssb-node/bin/tinyssb-node"), String.join("\n", files));
        assertTrue(has(files, "l", "./usr/bin/tinyssb-node -> /usr/lib/tinyssb-node/bin/tinyssb-node"),
                String.join("\n", files));
        assertTrue(has(files, "-rw-r--r--", "./lib/systemd/system/tinyssb-node.service"), String.join("\n", files));
        assertTrue(has(files, "drwxr-x---", "./etc/tinyssb-node/"), String.join("\n", files));
        assertTrue(has(files, "drwxr-x---", "./var/lib/tinyssb-node/"), String.join("\n", files));
        assertTrue(has(files, "", "./usr/lib/tinyssb-node/features/" + FEATURE + ".json"), String.join("\n", files));
        assertTrue(has(files, "", "./usr/lib/tinyssb-node/bundles/index.xml"), String.join("\n", files));
        List<String> bundles = files.stream().filter(l -> l.contains("/bundles/") && l.endsWith(".jar")).toList();
        assertTrue(bundles.stream().anyMatch(l -> l.contains("org.tinyssb.core-")), String.join("\n", bundles));
        if (FEATURE.equals("pub")) {
            // trimmed: the pub's bundles and what they need, none of the radios, the web console or the chat
            assertTrue(bundles.stream().anyMatch(l -> l.contains("/Java-WebSocket-")), String.join("\n", bundles));
            for (String absent : List.of("radio", "org.tinyssb.web", "app.chat", "jetty", "pi4j", "jSerialComm")) {
                assertFalse(bundles.stream().anyMatch(l -> l.contains(absent)), absent + " in\n" + String.join("\n", bundles));
            }
            assertEquals(24, bundles.size(), String.join("\n", bundles)); // JLine and its shell among them
        }
    }

    @Test
    void theUnitRunsTheFeatureAsItsOwnUserWithoutAShell() throws Exception {
        Path root = unpack();
        String unit = Files.readString(root.resolve("lib/systemd/system/tinyssb-node.service"));
        assertTrue(unit.contains("\nUser=tinyssb\n"), unit);
        assertTrue(unit.contains("\nExecStart=/usr/lib/tinyssb-node/bin/tinyssb-node --feature " + FEATURE
                + " --data /var/lib/tinyssb-node --config /etc/tinyssb-node --deploy /var/lib/tinyssb-node/deploy --no-shell\n"),
                unit);
        assertTrue(unit.contains("\nRestartPreventExitStatus=2\n"), "a configuration mistake is not restarted: " + unit);
        assertTrue(unit.contains("\nSuccessExitStatus=143\n"), unit);
        assertTrue(unit.contains("\nLimitNOFILE=65536\n"), "open files for the sockets beside the store's bound: " + unit);
        assertTrue(unit.contains("\nWantedBy=multi-user.target\n"), unit);
        assertFalse(unit.contains("${"), "every placeholder filled: " + unit);
    }

    @Test
    void theUnpackedPackageStartsItsFeatureWithExactlyItsBundles() throws Exception {
        Path home = unpack().resolve("usr/lib/tinyssb-node");
        Path config = Files.createDirectories(dir.resolve("etc"));
        NodeProcess.freePortsConfig(config);
        // through bin/ of the package, as systemd starts it (JAVA_OPTS aside)
        List<String> command = List.of(home.resolve("bin/tinyssb-node").toString(), "--data", dir.resolve("var").toString(),
                "--config", config.toString(), "--deploy", dir.resolve("deploy").toString(), "--no-shell");
        try (NodeProcess node = NodeProcess.startCommand(command,
                Map.of("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString()))) {
            node.awaitLine("the banner", l -> l.contains("running feature '" + FEATURE + "'"));
            String summary = node.awaitLine("the bundle summary", l -> l.startsWith("  bundles   "));
            assertTrue(summary.contains("installed, 0 updated, 0 unchanged, 0 removed"), summary);
            assertFalse(node.output().contains("the feature needs"), "the package's feature names every bundle:\n"
                    + node.output());
            node.terminate(); // SIGTERM, as systemctl stop
            assertEquals(143, node.awaitExit(), node.output());
        }
    }

    @Test
    void theTarballHoldsTheSameNodeUnderOneFolder() throws Exception {
        List<String> entries = run("tar", "-tvzf", TARBALL.toString()).lines().toList();
        String top = "tinyssb-node-" + FEATURE + "/";
        assertTrue(entries.stream().allMatch(l -> l.contains(" " + top)), String.join("\n", entries));
        assertTrue(entries.stream().anyMatch(l -> l.startsWith("-rwxr-xr-x") && l.endsWith(top + "bin/tinyssb-node")),
                String.join("\n", entries));
        long jars = entries.stream().filter(l -> l.contains(top + "bundles/") && l.endsWith(".jar")).count();
        long debJars = run("dpkg-deb", "--contents", DEB.toString()).lines()
                .filter(l -> l.contains("/bundles/") && l.endsWith(".jar")).count();
        assertEquals(debJars, jars);
    }

    private Path unpack() throws Exception {
        Path root = dir.resolve("root");
        run("dpkg-deb", "--extract", DEB.toString(), root.toString());
        return root;
    }

    private static boolean has(List<String> listing, String mode, String path) {
        return listing.stream().anyMatch(l -> l.startsWith(mode) && l.endsWith(" " + path));
    }

    /** The output of a command that must succeed within a minute. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not end within a minute");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + text);
        return text;
    }

}
