package io.igrelay.bench.processor;

import io.igrelay.bench.BenchEnvironment;
import io.igrelay.bench.BenchKafka;
import io.igrelay.bench.Comparison;
import io.igrelay.bench.Scenario;
import io.igrelay.bench.ScenarioResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Webhook deliveries per second through the real processor working off a backlog, against a plain exactly-once
 * copy of the same deliveries, like for like: the same ~1 KiB records from 100,000 Zipf-distributed users to 50
 * connected accounts (so events carry their text), the clock of each run from the moment a fresh instance starts
 * reading its pre-filled input (normalise included) to the moment a read_committed reader has the last output
 * record. Runs alternate (copy, processor, copy, …) after one untimed warm-up of each on its own topics, so the JIT
 * of this JVM and the broker is warm; the row quotes the median ratio of the pairs and their range.
 */
public final class ProcessorVersusCopyScenario implements Scenario {

    public static final String NAME = "processor webhooks→events (backlog)";
    public static final String REFERENCE = "plain copy EOS v2 (backlog, same deliveries)";
    static final double TARGET = 0.50;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String reference() {
        return REFERENCE;
    }

    @Override
    public String note() {
        return "both in this JVM on the bench broker, 1 partition per topic, exactly_once_v2, commit 100 ms, producer "
                + "batch 128 KiB / linger 10 ms; the processor is ProcessorService (normalise, repartition by IGSID, "
                + "dedup, echo match, window tracker, ig.windows; 2 stream threads), registry mem://bench; each run a "
                + "fresh instance on a pre-filled input of " + String.format(Locale.ROOT, "%,d", 40_000 * 10)
                + " deliveries (at the default 10 s), timed from its start to the last output record; target ≥ 0.50× "
                + "the copy, median of the pairs";
    }

    /** Deliveries per timed run: 40,000 per configured second (400,000 by default); 5,000 in the short form. */
    static long timedRecords(BenchEnvironment environment) {
        return environment.smoke() ? 5_000 : Math.max(20_000, environment.measureFor().toSeconds() * 40_000);
    }

    @Override
    public ScenarioResult run(BenchEnvironment environment) throws Exception {
        List<ScenarioResult> rows = runAll(environment);
        return rows.get(rows.size() - 1);
    }

    @Override
    public List<ScenarioResult> runAll(BenchEnvironment environment) throws Exception {
        long timed = timedRecords(environment);
        if (!environment.smoke()) { // untimed: the first minute of a cold JVM times the JIT, not the pipelines
            timedRun(environment, Pipeline.COPY, timed);
            timedRun(environment, Pipeline.PROCESSOR, timed);
        }
        List<Double> copies = new ArrayList<>();
        List<Double> processors = new ArrayList<>();
        for (int run = 0; run < environment.runs(); run++) {
            copies.add(timed / seconds(timedRun(environment, Pipeline.COPY, timed)));
            processors.add(timed / seconds(timedRun(environment, Pipeline.PROCESSOR, timed)));
        }
        var comparison = new Comparison(processors, copies);
        ScenarioResult copy = new ScenarioResult(REFERENCE, REFERENCE, timed, 0,
                Duration.ofNanos((long) (timed / comparison.medianReferenceRate() * 1e9)), Optional.empty());
        ScenarioResult processor = new ScenarioResult(NAME, REFERENCE, timed, 0,
                Duration.ofNanos((long) (timed / comparison.medianRowRate() * 1e9)), Optional.empty())
                .withComparison(comparison)
                .withTarget("≥ 0.50× the copy (median)", comparison.medianRatio() >= TARGET);
        return List.of(copy, processor);
    }

    /** One fresh instance over {@code count} pre-filled deliveries: from its start to the last output record. */
    static Duration timedRun(BenchEnvironment environment, Pipeline pipeline, long count) throws Exception {
        String prefix = BenchKafka.uniquePrefix(pipeline.name().toLowerCase(Locale.ROOT) + "-backlog");
        Duration timeout = Duration.ofSeconds(60).plusMillis(count / 2); // 2,000 records/s at worst
        try (PipelineUnderTest app = pipeline.create(environment.bootstrapServers(), prefix)) {
            app.prepare();
            try (var producer = new DeliveryProducer(environment.bootstrapServers(), app.inputTopic(),
                    new WebhookDeliveries(Long.toHexString(System.nanoTime())), 20)) {
                producer.fill(0, count);
            }
            try (var output = new OutputWatcher(environment.bootstrapServers(), app.outputTopic(), r -> { })) {
                app.start();
                long start = System.nanoTime();
                long end = output.awaitCount(count, timeout);
                if (output.count() > count) {
                    throw new IllegalStateException(pipeline + " wrote " + output.count() + " records for " + count
                            + " deliveries");
                }
                return Duration.ofNanos(end - start);
            }
        }
    }

    private static double seconds(Duration duration) {
        return Math.max(1, duration.toNanos()) / 1e9;
    }
}
