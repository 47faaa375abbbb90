package org.tinyssb.testkit.socat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Two connected pseudo-terminals made by socat, at stable paths ({@code dir/ttyA}, {@code dir/ttyB}):
 * a serial cable in software. Stopping and starting it again unplugs and replugs both ends.
 */
public final class SocatPair implements AutoCloseable {
    public final Path a;
    public final Path b;
    private Process process;

    public SocatPair(Path dir) {
        this.a = dir.resolve("ttyA");
        this.b = dir.resolve("ttyB");
    }

    /** Starts socat and waits (bounded) until it has made both terminals and is relaying. */
    public SocatPair start() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + a,
                "pty,raw,echo=0,link=" + b);
        pb.redirectErrorStream(true);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("these tests need socat (apt-get install socat; .ci/run installs it): "
                    + e.getMessage(), e);
        }
        CountDownLatch relaying = new CountDownLatch(1);
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.contains("starting data transfer loop")) {
                        relaying.countDown();
                    }
                }
            } catch (IOException e) {
                // socat ended
            }
        }, "socat-output");
        reader.setDaemon(true);
        reader.start();
        if (!relaying.await(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            synchronized (output) {
                throw new IllegalStateException("socat did not start relaying within 20 s:\n" + output);
            }
        }
        return this;
    }

    /** Unplugs both ends: socat ends, the terminals vanish. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
