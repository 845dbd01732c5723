package io.igrelay.bench;

/** Percentiles of one scenario's per-record latencies, in milliseconds. */
public record LatencySummary(long samples, double p50Ms, double p99Ms, double p999Ms, double maxMs) {
}
