package io.igrelay.processor.failure;

import io.igrelay.avro.DeadLetter;
import io.igrelay.schemas.failure.DeadLetterSink;
import io.igrelay.schemas.failure.DeadLetters;
import io.igrelay.schemas.failure.FailureClassifier;
import io.igrelay.schemas.failure.FailureKind;
import io.igrelay.schemas.failure.FailurePolicy;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's one failure policy applied to Kafka Streams, for every input of the processor: a malformed record is
 * dead-lettered (original bytes, topic, partition, offset, reason) and skipped; while the schema registry is away
 * the record is kept (the task fails, its offset is not committed, the thread is replaced and reads it again) and
 * processing pauses until the registry answers; any other failure is retried from the last commit up to the
 * policy's bound, then dead-lettered, so a partition never stalls forever. An input whose output the broker refuses
 * for good is dead-lettered once (see PolicyProductionHandler). The Streams handlers only translate.
 */
public final class ProcessorFailures {

    /** The key under which the Streams configuration carries this object to the handlers. */
    public static final String CONFIG_KEY = "igrelay.processor.failures";

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorFailures.class);

    /** What Kafka Streams should do with the record. */
    public enum Outcome {
        /** Keep the record: fail the task so it is read again from the last commit. */
        KEEP,
        /** The record was dead-lettered (or has nothing to keep): go on with the next one. */
        SKIP
    }

    /** Where a failed record came from; key and value are its bytes as read (null when unknown). */
    public record Source(String topic, int partition, long offset, byte[] key, byte[] value) {

        String where() {
            return RecordAttempts.key(topic, partition, offset);
        }

        boolean isRecord() {
            return topic != null && offset >= 0;
        }
    }

    private final FailurePolicy policy;
    private final DeadLetterSink deadLetters;
    private final DependencyGate registry;
    private final Clock clock;
    private final RecordAttempts attempts = new RecordAttempts();
    private final SplittableRandom random = new SplittableRandom();
    public final AtomicLong deadLettered = new AtomicLong();
    public final AtomicLong dependencyFailures = new AtomicLong();
    public final AtomicLong retriedFailures = new AtomicLong();
    /** Inputs dead-lettered (or punctuation outputs dropped) because the broker refused an output for good. */
    public final AtomicLong refusedOutputs = new AtomicLong();
    private final RefusedOutputs refusals = new RefusedOutputs();
    private final Set<String> refusedInputs = Collections.synchronizedSet(
            Collections.newSetFromMap(new BoundedMap<>(4096)));

    public ProcessorFailures(FailurePolicy policy, DeadLetterSink deadLetters, DependencyGate registry, Clock clock) {
        this.policy = policy;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.clock = clock;
    }

    /** Decides, records and logs what happens to {@code source} after {@code error} (never its bytes). */
    public Outcome onFailure(Source source, Throwable error) {
        String where = source.isRecord() ? source.where() : "a punctuation of " + source.topic();
        // a dependency outage is nobody's attempt: it must not use up the record's retries
        boolean dependency = FailureClassifier.classify(error) == FailureKind.DEPENDENCY_UNAVAILABLE;
        int failed = dependency ? 1 : attempts.failed(where);
        FailurePolicy.Verdict verdict = policy.decide(error, failed, random);
        if (verdict instanceof FailurePolicy.Retry retry) {
            if (retry.kind() == FailureKind.DEPENDENCY_UNAVAILABLE) {
                dependencyFailures.incrementAndGet();
                registry.pauseProcessing(retry.reason());
                LOG.warn("Kept {} for later: a dependency is unavailable ({})", where, retry.reason());
            } else {
                retriedFailures.incrementAndGet();
                LOG.warn("Failed {} (attempt {} of {}), retrying from the last commit: {}", where, failed,
                        policy.maxAttempts(), retry.reason());
            }
            return Outcome.KEEP;
        }
        if (source.isRecord() && !deadLetter(source, verdict.reason(), error)) {
            return Outcome.KEEP;
        }
        attempts.forget(where);
        LOG.warn("Gave up {} ({}): {}", where, verdict.kind(), verdict.reason());
        return Outcome.SKIP;
    }

    /**
     * The broker refused for good an output {@code source} made (see PolicyProductionHandler): the input is
     * dead-lettered once (a task that runs again meets the same refusal) and processing goes on without that output.
     * An output of a punctuation has no input to keep: it is logged and dropped.
     */
    public Outcome onRefusedOutput(Source source, String outputTopic, Throwable error) {
        String reason = "the broker refused its output to " + outputTopic + ": " + FailureClassifier.describe(error);
        if (!source.isRecord()) {
            refusedOutputs.incrementAndGet();
            LOG.error("Dropped an output of {} to {}: {}", source.topic(), outputTopic, reason);
            return Outcome.SKIP;
        }
        String where = source.where();
        if (!refusedInputs.contains(where)) {
            if (!deadLetter(source, reason, error)) {
                return Outcome.KEEP;
            }
            refusedInputs.add(where);
            refusedOutputs.incrementAndGet();
            LOG.warn("Gave up {}: {}", where, reason);
        }
        return Outcome.SKIP;
    }

    /** Writes the letter and waits for the broker's ack; false (and the registry gate told) when it is not written. */
    private boolean deadLetter(Source source, String reason, Throwable error) {
        DeadLetter letter = DeadLetters.of(source.topic(), source.partition(), source.offset(), source.key(),
                source.value(), shortened(reason), error, clock.instant());
        try {
            deadLetters.send(letter);
        } catch (RuntimeException e) {
            if (FailureClassifier.classify(e) == FailureKind.DEPENDENCY_UNAVAILABLE) {
                registry.pauseProcessing("dead letter not written: " + FailureClassifier.describe(e));
            }
            LOG.warn("Could not dead-letter {} ({}); keeping it", source.where(), e.toString());
            return false;
        }
        deadLettered.incrementAndGet();
        return true;
    }

    /** The outputs the broker refused for good, remembered so a re-run refuses them before the broker does. */
    public RefusedOutputs refusals() {
        return refusals;
    }

    public DependencyGate registry() {
        return registry;
    }

    public FailurePolicy policy() {
        return policy;
    }

    private static String shortened(String reason) {
        return reason.length() <= 500 ? reason : reason.substring(0, 500) + "…";
    }

    /** Insertion-ordered, forgetting the oldest entry past its bound (thread-safe through the synchronized set). */
    private static final class BoundedMap<K> extends LinkedHashMap<K, Boolean> {
        private final int bound;

        BoundedMap(int bound) {
            this.bound = bound;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, Boolean> eldest) {
            return size() > bound;
        }
    }
}
