package io.igrelay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the machine's CPU was shared between named processes over a stretch of a run, from the kernel's per-process
 * counters ({@code /proc/<pid>/stat}: user and system time), as percent of one core. A row that drives several
 * services reports it, so the next bottleneck is visible beside the figure.
 */
public final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Long> ticksAtStart = new LinkedHashMap<>();
    private long startNanos;

    public ProcessCpu add(String name, long pid) {
        if (pid > 0) {
            pids.put(name, pid);
        }
        return this;
    }

    public void start() {
        startNanos = System.nanoTime();
        pids.forEach((name, pid) -> ticksAtStart.put(name, ticks(pid)));
    }

    /** Percent of one core each process used since {@link #start()}; processes that vanished are left out. */
    public Map<String, Double> percentOfOneCore() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> shares = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            long now = ticks(pid);
            Long then = ticksAtStart.get(name);
            if (now >= 0 && then != null && then >= 0) {
                shares.put(name, (now - then) / TICKS_PER_SECOND / seconds * 100);
            }
        });
        return shares;
    }

    /** "ingress 41 %, processor 63 %, …" */
    public static String describe(Map<String, Double> shares) {
        return shares.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.0f %%", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** utime + stime of a process in clock ticks, or -1 when it cannot be read. */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may contain spaces; the fields after its closing parenthesis are plain
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
