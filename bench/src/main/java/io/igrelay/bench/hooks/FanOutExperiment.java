package io.igrelay.bench.hooks;

import io.igrelay.bench.BenchEnvironment;
import io.igrelay.bench.BenchKafka;
import io.igrelay.bench.LatencyRecorder;
import io.igrelay.bench.LatencySummary;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One run of the webhook benchmark, shared by its two rows so that both phases are measured on the same
 * services, broker and warm JIT, one after the other: after registration and a warm-up at the full rate, the
 * all-healthy phase is measured; then endpoint 0 stops answering, and once its first attempts have run into the
 * 10 s limit (and been retried) the same rate is measured again over the other 99 endpoints, and compared with the
 * healthy phase over the same 99. The timing-out phase comes second, on services that have run longest (bigger log,
 * state and topics); the long warm-up keeps the JIT's progress out of the comparison.
 */
final class FanOutExperiment {

    static final int RATE = 1_000;
    static final int ENDPOINTS = 100;
    static final int STALLED = 0;
    /** Latency still falls for ~35 s at the full rate after start-up (JIT, caches), so the warm-up is long. */
    private static final Duration MIN_WARM_UP = Duration.ofSeconds(40);
    private static final Duration MIN_MEASURE = Duration.ofSeconds(20);
    /** Longer than the 10 s answer limit, so the timing-out endpoint is in its retry cycle when measuring starts. */
    private static final Duration SETTLE = Duration.ofSeconds(12);

    /** What both rows report. */
    record Outcome(LatencySummary healthy, LatencySummary healthyOthers, LatencySummary othersWhileOneTimesOut,
            long unansweredAttempts, Duration measuredEach) {
    }

    private Outcome outcome;
    private Exception failure;

    /** Runs the experiment the first time it is asked for, then hands out the same outcome (or failure). */
    synchronized Outcome outcome(BenchEnvironment environment) throws Exception {
        if (outcome == null && failure == null) {
            try {
                outcome = run(environment);
            } catch (Exception e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return outcome;
    }

    private Outcome run(BenchEnvironment environment) throws Exception {
        boolean smoke = environment.smoke(); // the short form: seconds each, the figures prove nothing
        Duration measure = smoke ? Duration.ofSeconds(2) : max(environment.measureFor(), MIN_MEASURE);
        int warm = count(smoke ? Duration.ofSeconds(2) : max(environment.warmUpFor(), MIN_WARM_UP));
        int measured = count(measure);
        int settle = count(smoke ? Duration.ofSeconds(1) : SETTLE);
        int healthyFrom = warm;
        int stalledFrom = warm + measured + settle;
        int total = stalledFrom + measured;
        AtomicLongArray sentAt = new AtomicLongArray(total);
        String prefix = BenchKafka.uniquePrefix("hooks");
        try (CustomerEndpoints endpoints = new CustomerEndpoints(ENDPOINTS, total);
             HubUnderTest hub = new HubUnderTest(environment.bootstrapServers(), prefix).start();
             MetaSender meta = new MetaSender(hub.ingressPort(), HubUnderTest.APP_SECRET)) {
            new Tenants(hub.bootstrap(), hub.prefix(), hub.managementPort(), hub.ingressPort(), BenchKafka.serdes())
                    .register(ENDPOINTS, endpoints);
            endpoints.awaitProbed(meta, ENDPOINTS, Duration.ofSeconds(120));
            meta.paced(0, healthyFrom + measured, RATE, ENDPOINTS, sentAt);
            // the healthy phase is over only once its events arrived: endpoint 0's must not queue behind the stall
            awaitArrivals(endpoints, 0, healthyFrom + measured, Duration.ofSeconds(60));
            endpoints.stall(STALLED);
            meta.paced(healthyFrom + measured, total, RATE, ENDPOINTS, sentAt);
            meta.awaitAnswers(Duration.ofSeconds(30));
            LatencySummary healthy = collect(endpoints, sentAt, healthyFrom, healthyFrom + measured, false);
            LatencySummary healthyOthers = collect(endpoints, sentAt, healthyFrom, healthyFrom + measured, true);
            LatencySummary stalled = collect(endpoints, sentAt, stalledFrom, total, true);
            if (Boolean.getBoolean("bench.hooks.windows")) {
                printWindows(endpoints, sentAt, 0, total, stalledFrom - settle);
            }
            return new Outcome(healthy, healthyOthers, stalled, endpoints.stalledRequests(), measure);
        }
    }

    /** Diagnostic (-Dbench.hooks.windows=true): p50/p99 per 5 s of sending, to see drift within and across phases. */
    private static void printWindows(CustomerEndpoints endpoints, AtomicLongArray sentAt, int from, int to,
            int stallAt) {
        int window = RATE * 5;
        for (int start = from; start < to; start += window) {
            LatencyRecorder recorder = new LatencyRecorder();
            for (int seq = start; seq < Math.min(to, start + window); seq++) {
                if (!(seq >= stallAt && seq % ENDPOINTS == STALLED) && endpoints.arrival(seq) != 0) {
                    recorder.record(endpoints.arrival(seq) - sentAt.get(seq));
                }
            }
            LatencySummary s = recorder.summary();
            System.out.printf("%n  bench hooks: events %,d-%,d%s: p50 %.1f ms, p99 %.1f ms, max %.1f ms", start,
                    start + window, start >= stallAt ? " (endpoint 0 stalled)" : "", s.p50Ms(), s.p99Ms(), s.maxMs());
        }
        System.out.println();
    }

    private static int count(Duration duration) {
        return (int) (RATE * duration.toMillis() / 1000);
    }

    static void awaitArrivals(CustomerEndpoints endpoints, int from, int to, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int seq = from; seq < to && System.nanoTime() < deadline; seq++) {
            while (endpoints.arrival(seq) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
    }

    /** Waits for the first attempt of every event in [from, to) (but the stalled endpoint's) and summarises them. */
    static LatencySummary collect(CustomerEndpoints endpoints, AtomicLongArray sentAt, int from, int to,
            boolean skipStalled) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        LatencyRecorder latencies = new LatencyRecorder();
        int missing = 0;
        for (int seq = from; seq < to; seq++) {
            if (skipStalled && seq % ENDPOINTS == STALLED) {
                continue;
            }
            while (endpoints.arrival(seq) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long arrival = endpoints.arrival(seq);
            if (arrival == 0) {
                missing++;
            } else {
                latencies.record(arrival - sentAt.get(seq));
            }
        }
        if (missing > 0) {
            throw new IllegalStateException(missing + " measured events never reached their endpoint");
        }
        return latencies.summary();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
