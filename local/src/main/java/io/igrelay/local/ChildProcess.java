package io.igrelay.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * One forked JVM of the stack with its output in a log file. It runs in its own session (setsid), so a Ctrl-C in
 * the terminal reaches only the launcher, which then stops the children in reverse order: SIGTERM, a bounded
 * wait, and SIGKILL only after that. One JVM-wide shutdown hook stops every child still alive, newest first, so
 * a Ctrl-C at any moment (even half-way through start-up) leaves no process behind.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Deque<ChildProcess> LIVE = new ConcurrentLinkedDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcess::stopAllLive, "igrelay-stop-children"));
    }

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Duration stopTimeout;
    private volatile boolean stopRequested;

    private ChildProcess(String name, Process process, Path logFile, Duration stopTimeout) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.stopTimeout = stopTimeout;
    }

    public static ChildProcess start(String name, JvmLaunch launch, Map<String, String> env, Path logFile,
                                     Duration stopTimeout) {
        var command = new ArrayList<String>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(launch.command());
        try {
            Files.createDirectories(logFile.getParent());
            // logs are appended across runs; a marker line shows where this run begins
            Files.writeString(logFile, "=== igrelay: " + name + " started at " + Instant.now() + " ===\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            var builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(env);
            var child = new ChildProcess(name, builder.start(), logFile, stopTimeout);
            LIVE.push(child);
            return child;
        } catch (IOException e) {
            throw new StackStartException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs a short-lived JVM to completion (e.g. the storage format) and fails with its output if it fails. */
    public static void runToCompletion(String name, JvmLaunch launch, Map<String, String> env, Path logFile,
                                       Duration timeout) {
        try (var child = start(name, launch, env, logFile, Duration.ofSeconds(5))) {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StackStartException(name + " did not finish within " + timeout.toSeconds() + " s");
            }
            if (child.process.exitValue() != 0) {
                throw new StackStartException(name + " failed (exit " + child.process.exitValue() + "):\n"
                        + child.tail(20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("interrupted while running " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True when the child is gone without having been asked to stop. */
    public boolean exitedUnexpectedly() {
        return !stopRequested && !process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines of the log, shown when the child dies during start-up. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL at once and waits for the exit: a crash, as the fault drill injects it. */
    public void kill() {
        stopRequested = true;
        LIVE.remove(this);
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends a signal by name (e.g. STOP, CONT) with the system's kill command; fails if it cannot be delivered. */
    public void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid() + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + name, e);
        }
    }

    /** SIGTERM, wait up to the stop timeout, then SIGKILL. Returns true when the child exited on its own. */
    public boolean stop() {
        stopRequested = true;
        LIVE.remove(this);
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        try {
            if (process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static void stopAllLive() {
        ChildProcess child;
        while ((child = LIVE.peek()) != null) {
            System.out.println("igrelay: stopping " + child.name + " (pid " + child.pid() + ")");
            System.out.flush();
            child.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
