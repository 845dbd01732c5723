package io.igrelay.ingress.drill;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A forked JVM of the outage drill (the broker or the ingress) on the test classpath, output to a log file. Stopped
 * with SIGTERM (clean) or SIGKILL (a crash); a shutdown hook kills whatever a failed test leaves behind.
 */
final class DrillProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private DrillProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    }

    static DrillProcess start(String name, String mainClass, List<String> jvmOptions, List<String> args,
                              Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath());
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        return new DrillProcess(name, builder.start(), log);
    }

    /** The test classpath (failsafe hands it over in a property; java.class.path may be a manifest jar). */
    static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    static void runToCompletion(String name, String mainClass, List<String> args, Path log) throws Exception {
        try (DrillProcess p = start(name, mainClass, List.of("-Xmx256m"), args, Map.of(), log)) {
            if (!p.process.waitFor(60, TimeUnit.SECONDS) || p.process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed; see " + log);
            }
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** SIGTERM and wait: a clean stop. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGKILL: the crash the drill is about. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
