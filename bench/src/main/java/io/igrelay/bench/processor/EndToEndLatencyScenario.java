package io.igrelay.bench.processor;

import io.igrelay.bench.BenchEnvironment;
import io.igrelay.bench.BenchKafka;
import io.igrelay.bench.LatencyRecorder;
import io.igrelay.bench.Scenario;
import io.igrelay.bench.ScenarioResult;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * contract §9.4: end-to-end latency from producing a webhook delivery (to ig.webhooks.raw) to reading its
 * event on ig.events with read_committed, at a moderate steady rate, p50/p99; the plain copy at the same rate is
 * the reference, so the extra latency of the processor (its repartition hop and second transaction) shows.
 */
public final class EndToEndLatencyScenario implements Scenario {

    static final int RATE_PER_SECOND = 1_000;

    private final Pipeline pipeline;

    public EndToEndLatencyScenario(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    public static String nameFor(Pipeline pipeline) {
        return pipeline.label() + " e2e latency (1,000/s)";
    }

    @Override
    public String name() {
        return nameFor(pipeline);
    }

    @Override
    public String reference() {
        return nameFor(Pipeline.COPY);
    }

    @Override
    public String note() {
        return "latency = send() of the delivery to its " + (pipeline == Pipeline.COPY ? "copy" : "event on ig.events")
                + " read by a read_committed consumer (so it includes the exactly_once_v2 commit: every 100 ms for"
                + " the copy; the processor's tasks also ask for a commit after a 20 ms check that saw under 50"
                + " records, i.e. below 2,500/s), at a steady 1,000 deliveries/s; records/s is that offered rate,"
                + " kept up with";
    }

    @Override
    public ScenarioResult run(BenchEnvironment environment) throws Exception {
        long warmUp = RATE_PER_SECOND * Math.max(1, environment.warmUpFor().toMillis()) / 1000;
        long measured = RATE_PER_SECOND * environment.measureFor().toMillis() / 1000;
        long total = warmUp + measured;
        AtomicLongArray sentAt = new AtomicLongArray((int) total);
        var latencies = new LatencyRecorder();
        Deserializer<GenericRecord> values = BenchKafka.serdes().genericDeserializer();
        String prefix = BenchKafka.uniquePrefix(pipeline.name().toLowerCase() + "-e2e");
        try (PipelineUnderTest app = pipeline.create(environment.bootstrapServers(), prefix)) {
            app.prepare();
            try (var output = new OutputWatcher(environment.bootstrapServers(), app.outputTopic(),
                    record -> observe(record, values, sentAt, warmUp, latencies));
                 var producer = new DeliveryProducer(environment.bootstrapServers(), app.inputTopic(),
                         new WebhookDeliveries(Long.toHexString(System.nanoTime())), 0)) {
                app.start();
                long start = System.nanoTime();
                for (int seq = 0; seq < total; seq++) {
                    long due = start + Pacing.offsetNanos(seq, RATE_PER_SECOND);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    sentAt.set(seq, System.nanoTime());
                    producer.send(seq);
                }
                producer.flush();
                output.awaitCount(total, Duration.ofSeconds(60));
                synchronized (latencies) {
                    return new ScenarioResult(name(), reference(), measured, producer.bytes() * measured / total,
                            Duration.ofNanos(Pacing.offsetNanos(measured, RATE_PER_SECOND)),
                            Optional.of(latencies.summary()));
                }
            }
        }
    }

    private static void observe(ConsumerRecord<byte[], byte[]> record, Deserializer<GenericRecord> values,
                                AtomicLongArray sentAt, long warmUp, LatencyRecorder latencies) {
        long now = System.nanoTime();
        GenericRecord value = values.deserialize(record.topic(), record.value());
        long seq = WebhookDeliveries.seqOf((CharSequence) value.get("deliveryId"));
        if (seq >= warmUp && seq < sentAt.length()) {
            synchronized (latencies) {
                latencies.record(now - sentAt.get((int) seq));
            }
        }
    }
}
