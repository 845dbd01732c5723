package io.igrelay.processor.it;

import io.igrelay.testkit.ServiceEnvironment;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The processor in its own JVM (ProcessorMain with a test environment), so a test can SIGKILL it mid-work as contract §2
 * demands for exactly-once claims. Output goes to a log file next to its state; close() stops it (SIGTERM, then
 * SIGKILL) so no process is left behind.
 */
final class ForkedProcessor implements AutoCloseable {

    private final Process process;
    private final int port;

    private ForkedProcessor(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ForkedProcessor start(Map<String, String> env, int port, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                "io.igrelay.processor.ProcessorMain");
        builder.environment().clear();
        builder.environment().putAll(env);
        File file = log.toFile();
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(file));
        try {
            return new ForkedProcessor(builder.start(), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until /health/ready answers 200 (Kafka reachable, Streams RUNNING). */
    ForkedProcessor awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("forked processor exited with " + process.exitValue());
            }
            try {
                if (ServiceEnvironment.get("http://127.0.0.1:" + port + "/health/ready").statusCode() == 200) {
                    return this;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            sleep(200);
        }
        throw new IllegalStateException("forked processor not ready within " + timeout);
    }

    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    private void waitFor() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
