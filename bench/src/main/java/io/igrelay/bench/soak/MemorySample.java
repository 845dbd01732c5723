package io.igrelay.bench.soak;

/**
 * One service's memory at one minute of the soak: the heap in use right after a full GC (what the service really
 * keeps; -1 when it could not be read) and the process's resident set (the kernel's VmRSS; -1 likewise).
 */
public record MemorySample(double minute, String service, long heapAfterGcBytes, long rssBytes) {

    static final double MIB = 1024.0 * 1024.0;

    public double heapMib() {
        return heapAfterGcBytes / MIB;
    }

    public double rssMib() {
        return rssBytes / MIB;
    }
}
