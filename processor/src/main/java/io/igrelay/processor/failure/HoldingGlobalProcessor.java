package io.igrelay.processor.failure;

import io.igrelay.schemas.failure.FailureKind;
import io.igrelay.schemas.failure.FailurePolicy;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a global store (the channel directory, the Application directory) under the processor's failure policy.
 * Kafka Streams cannot replace the global thread, so nothing here may throw: the topic is read as bytes and decoded
 * here, and while the schema registry is away (a cold start during an outage) the thread waits for it and applies
 * the record afterwards, never skipping it, which also holds start-up until the directory is complete. A malformed
 * record is logged and counted and skipped (the compacted topic keeps it; nothing is lost by not copying it), and
 * any other failure is retried up to the policy's bound, then skipped the same way.
 */
public final class HoldingGlobalProcessor<V> implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(HoldingGlobalProcessor.class);

    private final Processor<String, V, Void, Void> inner;
    private final Deserializer<V> values;
    private final GlobalStoreGuard guard;
    private final SplittableRandom random = new SplittableRandom();
    private ProcessorContext<Void, Void> context;

    public HoldingGlobalProcessor(Processor<String, V, Void, Void> inner, Deserializer<V> values,
                                  GlobalStoreGuard guard) {
        this.inner = inner;
        this.values = values;
        this.guard = guard;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        inner.init(context);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        FailurePolicy policy = guard.policy();
        for (int failed = 1; ; failed++) {
            try {
                String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
                inner.process(record.withValue(values.deserialize(topic, record.headers(), record.value())));
                return;
            } catch (RuntimeException e) {
                FailurePolicy.Verdict verdict = policy.decide(e, failed, random);
                if (verdict instanceof FailurePolicy.DeadLetter) {
                    guard.skipped().incrementAndGet();
                    LOG.warn("Skipped a record of a global store at {} ({}): {}", where(), verdict.kind(),
                            verdict.reason());
                    return;
                }
                if (!hold((FailurePolicy.Retry) verdict)) {
                    throw e;
                }
            }
        }
    }

    /** Waits before the next attempt; false when the service is stopping. */
    private boolean hold(FailurePolicy.Retry retry) {
        try {
            if (retry.kind() == FailureKind.DEPENDENCY_UNAVAILABLE) {
                LOG.warn("Holding a record of a global store at {}: {}", where(), retry.reason());
                guard.registry().awaitAvailable(retry.reason());
            } else {
                Thread.sleep(retry.after().toMillis());
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IllegalStateException stopping) {
            return false;
        }
    }

    private String where() {
        return context.recordMetadata().map(m -> m.topic() + "/" + m.partition() + "@" + m.offset()).orElse("?");
    }

    @Override
    public void close() {
        inner.close();
    }

    /** What the global feeds share: the policy, the registry gate and a count of skipped records. */
    public record GlobalStoreGuard(FailurePolicy policy, DependencyGate registry, AtomicLong skipped) {
    }
}
