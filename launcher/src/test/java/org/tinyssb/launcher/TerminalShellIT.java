package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell on a terminal: the node runs in a pseudo-terminal (util-linux {@code script}), so its
 * console is a terminal and the launcher starts the JLine shell: a command typed, then Up and
 * Enter, runs it again from the history (the plain shell would take the escape sequence as text);
 * a log line that comes while a command is half typed is printed above the prompt, and the
 * prompt with the half-typed command is drawn again below it.
 */
class TerminalShellIT {
    private static final Path DIST = Path.of(System.getProperty("tinyssb.dist"));
    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(90);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void upRecallsTheLastCommandOnATerminal() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        NodeProcess.freePortsConfig(config);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String node = String.join(" ", "exec", java, "-jar", DIST.resolve("lib/tinyssb-launcher.jar").toString(),
                "--feature", "default", "--data", dir.resolve("data").toString(), "--config", config.toString(),
                "--deploy", dir.resolve("deploy").toString());
        // a terminal of a real size: JLine needs one (the launcher keeps the plain shell on a 0-wide one)
        Process p = new ProcessBuilder("script", "-qfec", "stty cols 120 rows 40; " + node, "/dev/null")
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> copy(p.getInputStream()), "terminal-output");
        reader.setDaemon(true);
        reader.start();
        try (OutputStream keys = p.getOutputStream()) {
            String banner = await("the banner", "history and line editing");
            assertTrue(banner.contains("Gogo on this console (history and line editing)"), banner);
            await("the JLine prompt", "g!");
            type(keys, "help\r"); // the node's help, not the JLine shell's own of the same name
            await("the node's commands", "'help all': every command of the shell");
            type(keys, "publish hello terminal\r");
            await("the first publish", "#1 (14 bytes)");
            type(keys, "\033OA\r"); // Up (application cursor keys, as JLine sets the terminal), Enter
            String again = await("the same command from the history", "#2 (14 bytes)");
            assertTrue(again.contains("published "), again);

            // a log line while a command is half typed: printed above the prompt, which is drawn again
            int before = text().length();
            type(keys, "pub");
            await("the half-typed command shown", before, "pub");
            Files.writeString(config.resolve(LogSetup.LEVELS_FILE), "org.tinyssb.shell = debug\n");
            String logged = await("the log line of the edit", before, "log levels: org.tinyssb.shell = debug");
            int logAt = logged.indexOf("log levels: org.tinyssb.shell = debug", before);
            await("the prompt and the half-typed command drawn again below it", logAt, "g! pub");
            type(keys, "lish typed\r");
            await("the command finished after the log line", before, "(5 bytes)");
            type(keys, "stop 0\r");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the node stops:\n" + text());
        } finally {
            p.destroyForcibly();
        }
        assertEquals(2, text().split("\\(14 bytes\\)", -1).length - 1, "two publishes:\n" + text());
    }

    private void copy(InputStream in) {
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                synchronized (output) {
                    output.write(buf, 0, n);
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            // the terminal closed
        }
    }

    private static void type(OutputStream keys, String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** The output without terminal escape sequences. */
    private String text() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;?]*[A-Za-z@]|\u001B[=>]", "");
        }
    }

    /** The output once it contains {@code marker}, waiting for more output (bounded). */
    private String await(String what, String marker) throws InterruptedException {
        return await(what, 0, marker);
    }

    /** The output once it contains {@code marker} at or after {@code from}, waiting for more output (bounded). */
    private String await(String what, int from, String marker) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        synchronized (output) {
            while (text().indexOf(marker, from) < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + what + " ('" + marker + "') within 90 s:\n" + text());
                }
                output.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
            return text();
        }
    }
}
