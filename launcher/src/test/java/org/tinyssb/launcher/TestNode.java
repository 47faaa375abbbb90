package org.tinyssb.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import org.tinyssb.codec.Bipf;
import org.tinyssb.codec.BipfException;
import org.tinyssb.codec.SigningKey;

/**
 * One node of a test network or benchmark: its folders, its process (the built distribution), and
 * what its file store holds on disk. Shared through the launcher's test jar.
 */
public final class TestNode implements AutoCloseable {
    public final String name;
    public final Path data;
    public final Path config;
    private final Path dist;
    private NodeProcess process;

    /** A node of the distribution {@code dist} with its folders under {@code root/name}. */
    public TestNode(Path dist, Path root, String name) throws IOException {
        this.dist = dist;
        this.name = name;
        this.data = Files.createDirectories(root.resolve(name).resolve("data"));
        this.config = Files.createDirectories(root.resolve(name).resolve("config"));
    }

    /** Places an identity's seed in the node's key store, as a restored backup would. */
    public void addKey(SigningKey key, boolean asNodeKey) throws IOException {
        Path keys = Files.createDirectories(data.resolve("keys"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
        Path file = keys.resolve(asNodeKey ? "node.key" : key.feedId().toHex() + ".key");
        Files.writeString(file, HexFormat.of().formatHex(key.seed()) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    public void configure(String pid, String text) throws IOException {
        Files.writeString(config.resolve(pid + ".cfg"), text);
    }

    /** Starts the node on a feature file and waits for its shell. */
    public void start(Path feature) throws IOException, InterruptedException {
        start(feature.toString());
    }

    /** Starts the node on a feature (a name of the distribution, or a file) and waits for its shell. */
    public void start(String feature) throws IOException, InterruptedException {
        launch(feature);
        process.awaitLine(name + "'s shell", l -> l.contains("Welcome to Apache Felix Gogo"));
    }

    /** Starts the node's process without waiting for anything. */
    public void launch(String feature) throws IOException {
        process = NodeProcess.start(dist, "--feature", feature, "--data", data.toString(),
                "--config", config.toString(), "--deploy", data.resolveSibling("deploy").toString());
    }

    /**
     * Starts the node's process in a JVM with {@code jvmOptions} under a limit of {@code maxOpenFiles}
     * open files (bash's {@code ulimit -n}), as a Raspberry Pi's shell or a systemd service has it,
     * without waiting for anything.
     */
    public void launchLimited(String feature, int maxOpenFiles, java.util.List<String> jvmOptions) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "ulimit -n " + maxOpenFiles + " && exec " + javaBin + " " + String.join(" ", jvmOptions)
                + " -jar " + dist.resolve("lib").resolve("tinyssb-launcher.jar") + " --feature " + feature + " --data "
                + data + " --config " + config + " --deploy " + data.resolveSibling("deploy");
        process = NodeProcess.startCommand(java.util.List.of("bash", "-c", command), Map.of());
    }

    /**
     * Runs the shell command {@code command} again and again until a line of its output matches
     * {@code row} (another process changes the state it shows), bounded by {@code limit}; returns
     * that line.
     */
    public String awaitCommandOutput(String command, String description, java.util.function.Predicate<String> row,
            java.time.Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String marker = "end-of-" + command.split(" ")[0];
        while (true) {
            int mark = process.lineCount();
            process.type(command);
            process.type("echo " + marker);
            process.awaitLine(mark, "the end of '" + command + "'", l -> l.endsWith(marker) && !l.contains("echo"));
            for (String l : process.output().lines().skip(mark).toList()) {
                if (row.test(l) && !l.endsWith(command)) { // not the command itself, if echoed
                    return l;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + ": no " + description + " in '" + command + "' within "
                        + limit.toSeconds() + " s; output:\n" + process.output());
            }
            Thread.sleep(250); // polling another process's state, bounded by the deadline
        }
    }

    public NodeProcess process() {
        return process;
    }

    /** Height and whether all side chains are complete, from the feed's frontier.bin (-1: not there). */
    public long[] frontier(String feedHex) throws IOException {
        Path f = data.resolve("feeds").resolve(feedHex).resolve("frontier.bin");
        if (!Files.exists(f)) {
            return new long[] {-1, 0};
        }
        try {
            Map<?, ?> m = (Map<?, ?>) Bipf.decode(Files.readAllBytes(f));
            return new long[] {(Long) m.get("max_seq"), ((Map<?, ?>) m.get("pend_sc")).size()};
        } catch (BipfException | RuntimeException e) {
            return new long[] {-1, 0}; // being replaced this very moment
        }
    }

    /**
     * Waits (bounded) until the feed's frontier.bin names {@code height} entries and no pending
     * side chain: the store writes frontiers at its sync interval, a moment after the writes.
     */
    public void awaitFrontier(String feedHex, long height, java.time.Duration limit)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long[] f;
        while ((f = frontier(feedHex))[0] != height || f[1] != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + "'s frontier of " + feedHex.substring(0, 8) + " names " + f[0]
                        + " entries and " + f[1] + " pending chains, not " + height + " and 0, after "
                        + limit.toSeconds() + " s");
            }
            Thread.sleep(50); // polling a file another process writes, bounded by the deadline
        }
    }

    public byte[] file(String feedHex, String name) throws IOException {
        return Files.readAllBytes(data.resolve("feeds").resolve(feedHex).resolve(name));
    }

    /** SIGKILL: no shutdown hook, nothing flushed; returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.close();
        process.awaitExit();
    }

    /** SIGTERM, and the clean stop it must lead to. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.terminate();
            process.awaitExit();
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
