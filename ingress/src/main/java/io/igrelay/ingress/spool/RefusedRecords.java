package io.igrelay.ingress.spool;

import io.igrelay.avro.DeadLetter;
import io.igrelay.schemas.failure.DeadLetters;
import io.igrelay.schemas.failure.FailurePolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spooled records the broker refuses for themselves (too large, invalid, a timestamp it will not take): each such
 * refusal counts as one failed attempt under the shared {@link FailurePolicy}; once the policy gives the record up
 * it is written, inside the replay transaction, to the dead-letter topic instead of the raw topic, so one record
 * never jams the spool. A letter that would itself be too large carries no value; the original bytes are then kept
 * in the spool directory ({@code refused/}) and the letter names the file, so accepted data is never lost.
 * Replay thread only.
 */
public final class RefusedRecords {

    private static final Logger LOG = LoggerFactory.getLogger(RefusedRecords.class);
    private static final int MAX_LETTER_VALUE = 512 * 1024;

    private record Condemned(String reason, Throwable error) {
    }

    private final FailurePolicy policy;
    private final String sourceTopic;
    private final String letterTopic;
    private final Function<DeadLetter, byte[]> letterBytes;
    private final Path keepDir;
    private final Clock clock;
    private final Counter lettered;
    private final Map<Long, Integer> attempts = new HashMap<>();
    private final Map<Long, Condemned> condemned = new HashMap<>();

    /**
     * @param letterBytes the letter in the dead-letter topic's wire format (may ask the registry: replay thread)
     * @param keepDir     where the bytes of a letter too large to carry them are kept
     */
    public RefusedRecords(FailurePolicy policy, String sourceTopic, String letterTopic,
                          Function<DeadLetter, byte[]> letterBytes, Path keepDir, Clock clock, MeterRegistry registry) {
        this.policy = policy;
        this.sourceTopic = sourceTopic;
        this.letterTopic = letterTopic;
        this.letterBytes = letterBytes;
        this.keepDir = keepDir;
        this.clock = clock;
        this.lettered = registry == null ? null : Counter.builder("igrelay_ingress_spool_dead_lettered")
                .description("Spooled deliveries the broker refused for good, written to the dead-letter topic")
                .register(registry);
    }

    /** Never gives a record up (tests of the replayer that do not care). */
    static RefusedRecords keepRetrying() {
        return new RefusedRecords(new FailurePolicy(FailurePolicy.DEFAULT.backoff(), Integer.MAX_VALUE), "", "",
                letter -> new byte[0], Path.of("."), Clock.systemUTC(), null);
    }

    /** True when the record is to go to the dead-letter topic. */
    boolean condemned(long seq) {
        return condemned.containsKey(seq);
    }

    /** After a failed batch: counts the refusal of each record the broker refused for itself. */
    void judge(List<SpoolEntry> entries, List<Future<RecordMetadata>> sends) {
        for (int i = 0; i < entries.size() && i < sends.size(); i++) {
            Throwable refusal = ownRefusal(sends.get(i));
            if (refusal == null) {
                continue;
            }
            long seq = entries.get(i).seq();
            int failed = attempts.merge(seq, 1, Integer::sum);
            if (policy.decide(refusal, failed, ThreadLocalRandom.current()) instanceof FailurePolicy.DeadLetter d) {
                LOG.error("spool: the broker refuses spooled record {} for good ({}); writing it to {} instead",
                        seq, d.reason(), letterTopic);
                condemned.put(seq, new Condemned(d.reason(), refusal));
            } else {
                LOG.warn("spool: the broker refused spooled record {} (attempt {}): {}", seq, failed,
                        refusal.toString());
            }
        }
    }

    /** Sends the record's dead letter in the open transaction. */
    Future<RecordMetadata> send(Producer<byte[], byte[]> tx, SpoolEntry entry) {
        Condemned why = condemned.get(entry.seq());
        byte[] value = entry.value();
        String reason = why.reason() + " (spooled delivery " + entry.seq() + ")";
        if (value.length > MAX_LETTER_VALUE) {
            Path kept = keep(entry);
            value = null;
            reason += "; original bytes kept in " + kept;
        }
        DeadLetter letter = DeadLetters.of(sourceTopic, -1, entry.seq(), entry.key(), value, reason, why.error(),
                clock.instant());
        return tx.send(new ProducerRecord<>(letterTopic, entry.key(), letterBytes.apply(letter)));
    }

    /** Everything up to {@code lastSeq} left the spool. */
    void forget(long lastSeq) {
        attempts.keySet().removeIf(seq -> seq <= lastSeq);
        long before = condemned.size();
        condemned.keySet().removeIf(seq -> seq <= lastSeq);
        if (lettered != null) {
            lettered.increment(before - condemned.size());
        }
    }

    private Path keep(SpoolEntry entry) {
        try {
            Files.createDirectories(keepDir);
            Path file = keepDir.resolve(entry.seq() + "-" + entry.appendedAtMillis() + ".bin");
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(entry.value()));
                out.force(true); // durable before the spool lets the record go
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a refused record in " + keepDir, e);
        }
    }

    /** The send's own error when the broker refused this record for itself; null otherwise. */
    private static Throwable ownRefusal(Future<RecordMetadata> send) {
        if (!send.isDone()) {
            return null;
        }
        try {
            send.get();
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidRecordException || cause instanceof InvalidTimestampException
                    ? cause : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
