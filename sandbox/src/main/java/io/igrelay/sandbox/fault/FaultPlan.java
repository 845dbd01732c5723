package io.igrelay.sandbox.fault;

import java.util.List;

/**
 * What the Graph API should do wrong, set through {@code PUT /sandbox/faults}: extra latency (fixed plus a uniform
 * jitter), shares of HTTP 503 (non-JSON, like a proxy), of transient Meta codes and of timeouts (no answer), an
 * optional scripted sequence that is consumed first, and an optional account to restrict it to.
 */
public record FaultPlan(long seed, int latencyMs, int latencyJitterMs, double http5xxShare, double transientShare,
        List<Integer> transientCodes, double timeoutShare, List<String> script, String accountId) {

    public static FaultPlan none(long seed) {
        return new FaultPlan(seed, 0, 0, 0, 0, List.of(1, 2, 1200), 0, List.of(), null);
    }

    public boolean isNone() {
        return latencyMs == 0 && latencyJitterMs == 0 && http5xxShare == 0 && transientShare == 0
                && timeoutShare == 0 && script.isEmpty();
    }
}
