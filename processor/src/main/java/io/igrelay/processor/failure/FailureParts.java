package io.igrelay.processor.failure;

import io.igrelay.avro.DeadLetter;
import io.igrelay.processor.failure.HoldingGlobalProcessor.GlobalStoreGuard;
import io.igrelay.schemas.failure.Backoff;
import io.igrelay.schemas.failure.FailureClassifier;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.Probe;
import io.igrelay.schemas.registry.SchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The processor's failure handling, built once by the service: the schema-registry gate, the dead-letter writer,
 * the policy applied to Streams' handlers, the global stores' guard and the stream-thread recovery. One object so
 * the service wires and closes them together.
 */
public record FailureParts(DependencyGate registryGate, KafkaDeadLetterSink deadLetters, ProcessorFailures failures,
                           GlobalStoreGuard globalGuard, StreamThreadRecovery threadRecovery) implements AutoCloseable {

    /** The registry is asked again after 0.5 s, doubling to 10 s, for as long as it takes. */
    static final Backoff REGISTRY_PROBES = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10),
            Integer.MAX_VALUE);
    /** A dead stream thread is replaced after 0.2 s, doubling to 10 s while deaths follow each other. */
    static final Backoff THREAD_REPLACEMENT = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10),
            Integer.MAX_VALUE);

    public static FailureParts create(SchemaRegistryClient registry, Probe registryProbe, Properties producerProps,
                                      Serializer<DeadLetter> letters, String deadLetterTopic, Clock clock) {
        DependencyGate gate = new DependencyGate("schema registry", () -> answers(registry), REGISTRY_PROBES,
                registryProbe);
        KafkaDeadLetterSink sink = KafkaDeadLetterSink.create(producerProps, letters, deadLetterTopic);
        FailurePolicy policy = FailurePolicy.DEFAULT;
        return new FailureParts(gate, sink, new ProcessorFailures(policy, sink, gate, clock),
                new GlobalStoreGuard(policy, gate, new AtomicLong()), new StreamThreadRecovery(THREAD_REPLACEMENT,
                        clock));
    }

    /** Empty when the registry answered a cheap call, else why not. */
    static Optional<String> answers(SchemaRegistryClient registry) {
        try {
            registry.subjects();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(FailureClassifier.describe(e));
        }
    }

    /** Releases a global thread waiting for the registry first, so Streams can shut down. */
    @Override
    public void close() {
        registryGate.close();
        deadLetters.close();
    }
}
