package io.igrelay.schemas.failure;

import java.time.Duration;
import java.util.random.RandomGenerator;

/*
 * The one failure policy of every consumer in the hub (processor inputs and global stores, dispatcher views and
 * loops, ingress views): a malformed record is dead-lettered at once and the consumer goes on; while a dependency is
 * away the record is retried with bounded backoff for as long as it takes, never skipped and never dead-lettered;
 * a record that keeps failing for any other reason is retried up to maxAttempts and then dead-lettered, so a
 * partition never stalls forever. Callers count the attempts of the record at hand and ask decide() after each.
 */
public record FailurePolicy(Backoff backoff, int maxAttempts) {

    /** 200 ms doubling to 30 s; five attempts before an unexplained failure is dead-lettered. */
    public static final FailurePolicy DEFAULT =
            new FailurePolicy(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), Integer.MAX_VALUE), 5);

    public FailurePolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
    }

    /** What a consumer does next with a record. */
    public sealed interface Verdict permits Retry, DeadLetter {
        FailureKind kind();

        String reason();
    }

    /** Keep the record, wait {@code after}, try it again. */
    public record Retry(FailureKind kind, String reason, Duration after) implements Verdict {
    }

    /** Give the record up to the dead-letter topic (original bytes, topic, partition, offset, reason) and go on. */
    public record DeadLetter(FailureKind kind, String reason) implements Verdict {
    }

    /**
     * @param failedAttempts how many times this record has failed so far, this failure included (1 = first)
     */
    public Verdict decide(Throwable error, int failedAttempts, RandomGenerator random) {
        FailureKind kind = FailureClassifier.classify(error);
        String reason = FailureClassifier.describe(error);
        return switch (kind) {
            case MALFORMED -> new DeadLetter(kind, reason);
            case DEPENDENCY_UNAVAILABLE -> new Retry(kind, reason, backoff.delay(failedAttempts, random));
            case UNEXPECTED -> failedAttempts < maxAttempts
                    ? new Retry(kind, reason, backoff.delay(failedAttempts, random))
                    : new DeadLetter(kind, reason + " (after " + failedAttempts + " attempts)");
        };
    }
}
