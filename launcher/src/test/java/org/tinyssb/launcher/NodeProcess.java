package org.tinyssb.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A node started as its own JVM from the built distribution (the launcher), with its console
 * output collected line by line and its stdin writable (the Gogo shell reads it). Shared with the
 * node integration tests and the benchmarks through the launcher's test jar.
 */
public final class NodeProcess implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private NodeProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::collect, "node-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static NodeProcess start(Path dist, String... args) throws IOException {
        return start(dist, List.of(), args);
    }

    /** A node in a JVM with {@code jvmOptions} (what JAVA_OPTS gives the start script). */
    public static NodeProcess start(Path dist, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", dist.resolve("lib").resolve("tinyssb-launcher.jar").toString()));
        command.addAll(List.of(args));
        return new NodeProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** A node started by {@code command} (a distribution's own bin/ script, say) with {@code environment} added. */
    public static NodeProcess startCommand(List<String> command, java.util.Map<String, String> environment)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new NodeProcess(builder.start());
    }

    private void collect() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            synchronized (lines) {
                lines.notifyAll(); // wake waiters: no more output will come
            }
        }
    }

    /** The first output line matching {@code what}, waiting (bounded) for it to appear. */
    public String awaitLine(String description, Predicate<String> what) throws InterruptedException {
        return awaitLine(0, description, what);
    }

    /** Lines printed so far: {@code awaitLine(lineCount(), ...)} waits for output yet to come. */
    public int lineCount() {
        synchronized (lines) {
            return lines.size();
        }
    }

    /** The first output line from line {@code from} on matching {@code what}, waiting (bounded). */
    public String awaitLine(int from, String description, Predicate<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (lines) {
            while (true) {
                for (int i = from; i < lines.size(); i++) {
                    String l = lines.get(i);
                    if (what.test(l)) {
                        return l;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    throw new AssertionError("no output line with " + description + " within "
                            + TIMEOUT.toSeconds() + " s; output so far:\n" + String.join("\n", lines));
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    public long pid() {
        return process.pid();
    }

    public void type(String command) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    public void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /**
     * SIGTERM, as a service manager stops the node. (Through the process handle: Process.destroy()
     * would also close our end of the pipes and lose what the node prints while stopping.)
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the node did not exit within " + TIMEOUT.toSeconds() + " s; output:\n"
                    + output());
        }
        reader.join(TIMEOUT.toMillis());
        return process.exitValue();
    }

    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** A TCP port free right now on this machine. */
    public static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A UDP port free right now on this machine. */
    public static int freeUdpPort() throws IOException {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Writes the link configuration of a node that must not collide with other nodes or services
     * on this machine: its WebSocket server and UDP link on ports free right now, multicast kept
     * on this machine.
     */
    public static void freePortsConfig(Path config) throws IOException {
        java.nio.file.Files.writeString(config.resolve("org.tinyssb.link.websocket.server.cfg"),
                "host = 127.0.0.1\nport = " + freePort() + "\n");
        java.nio.file.Files.writeString(config.resolve("org.tinyssb.link.udp.cfg"),
                "group = 239.5.5.8\nport = " + freeUdpPort() + "\ninterface.address = 127.0.0.1\nttl = 0\n");
    }

    /** Writes the configuration of the web console's HTTP server (feature web) on a free port; returns it. */
    public static int freeHttpConfig(Path config) throws IOException {
        int port = freePort();
        java.nio.file.Files.writeString(config.resolve("org.apache.felix.http.cfg"),
                "org.apache.felix.http.host = 127.0.0.1\norg.osgi.service.http.port = " + port + "\n");
        return port;
    }
}
