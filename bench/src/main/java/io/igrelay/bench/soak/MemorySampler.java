package io.igrelay.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads each service's post-GC heap and RSS from outside, as an operator would: {@code jcmd <pid> GC.run} (a full
 * collection, so what is left is what the service keeps), then {@code jcmd <pid> GC.heap_info}, and the kernel's
 * {@code VmRSS} from {@code /proc/<pid>/status}. No agent or JMX port in the services: they run as deployed.
 */
public final class MemorySampler {

    /** A collector's heap line: "garbage-first heap   total 262144K, used 45678K [...", one per generation else. */
    private static final Pattern TOTAL_USED = Pattern.compile("total (\\d+)([KMG]), used (\\d+)([KMG])");
    /** ZGC: "ZHeap           used 8M, capacity 40M, max capacity 256M". */
    private static final Pattern Z_USED = Pattern.compile("ZHeap\\s+used (\\d+)([KMG])");
    /** Shenandoah: "262144K max, 262144K soft max, 262144K committed, 40534K used". */
    private static final Pattern S_USED = Pattern.compile("committed, (\\d+)([KMG]) used");
    private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");

    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    private final Map<String, Long> pids;

    /** For the services by name → process id. */
    public MemorySampler(Map<String, Long> pids) {
        this.pids = Collections.unmodifiableMap(new LinkedHashMap<>(pids)); // the services in the order given
    }

    /** One sample per service at {@code minute}; a value that could not be read is -1 (the run goes on). */
    public List<MemorySample> sample(double minute) {
        List<MemorySample> samples = new ArrayList<>();
        pids.forEach((service, pid) -> {
            long heap = -1;
            try {
                jcmd(pid, "GC.run");
                heap = heapUsedBytes(jcmd(pid, "GC.heap_info"));
            } catch (IOException | RuntimeException e) {
                System.err.println("soak: could not read the heap of " + service + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            samples.add(new MemorySample(minute, service, heap, rssBytes(pid)));
        });
        return samples;
    }

    private String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " failed: "
                    + new String(out, StandardCharsets.UTF_8).strip());
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /**
     * The used heap in {@code GC.heap_info}'s answer: G1's one heap line, the sum of the generation lines of the
     * serial and parallel collectors, or ZGC's and Shenandoah's own line; fails on anything else.
     */
    static long heapUsedBytes(String heapInfo) {
        String heap = heapInfo.contains("Metaspace") ? heapInfo.substring(0, heapInfo.indexOf("Metaspace"))
                : heapInfo;
        long used = 0;
        boolean found = false;
        Matcher m = TOTAL_USED.matcher(heap);
        while (m.find()) {
            used += bytes(m.group(3), m.group(4));
            found = true;
        }
        for (Pattern other : List.of(Z_USED, S_USED)) {
            Matcher o = other.matcher(heap);
            if (!found && o.find()) {
                used = bytes(o.group(1), o.group(2));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no used heap in GC.heap_info's answer: " + heapInfo.strip());
        }
        return used;
    }

    /** VmRSS of {@code /proc/<pid>/status} in bytes, or -1 when the process is gone or the line is missing. */
    static long rssBytes(long pid) {
        try {
            return rssBytes(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        }
    }

    static long rssBytes(String procStatus) {
        Matcher m = VM_RSS.matcher(procStatus);
        if (!m.find()) {
            throw new IllegalArgumentException("no VmRSS line in /proc/<pid>/status");
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private static long bytes(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit) {
            case "G" -> n << 30;
            case "M" -> n << 20;
            default -> n << 10;
        };
    }
}
