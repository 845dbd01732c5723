package io.igrelay.bench.e2e;

import io.igrelay.bench.LatencySummary;
import java.util.Locale;
import java.util.Map;

/**
 * One offered rate of the end-to-end row and what came of it: how long sending took against the time asked for,
 * how many messages reached their Application's endpoint once, more than once, or not at all, the latency from the
 * Meta POST to the first attempt, how the machine's CPU was shared meanwhile, and why POSTs failed, if any did.
 */
record Step(int rate, double sendSeconds, double askedSeconds, long messages, long missing, long repeated,
            LatencySummary latency, Map<String, Double> cpu, String refused) {

    static final double P99_LIMIT_MS = 1_000;

    /** Sent at the asked rate (within 5 %), every message delivered exactly once, p99 within the limit. */
    boolean sustained() {
        return refused.isEmpty() && sendSeconds <= askedSeconds * 1.05 && missing == 0 && repeated == 0
                && latency.p99Ms() <= P99_LIMIT_MS;
    }

    String describe() {
        String why = sustained() ? "sustained"
                : !refused.isEmpty() ? refused
                : sendSeconds > askedSeconds * 1.05 ? "the sender fell behind"
                : missing > 0 ? missing + " not delivered within 30 s"
                : repeated > 0 ? repeated + " delivered more than once" : "p99 over 1 s";
        return String.format(Locale.ROOT, "%,d/s for %.0f s: %s (p50 %.0f ms, p99 %.0f ms)", rate, askedSeconds,
                why, latency.p50Ms(), latency.p99Ms());
    }
}
