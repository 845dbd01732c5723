package io.igrelay.dispatcher.send;

import io.confluent.parallelconsumer.PCRetriableException;
import java.time.Duration;

/*
 * Thrown by the pipeline to hand a message back to the parallel consumer for a later attempt (a transient
 * failure, or the account's bucket is empty). The worker thread is freed at once and the conversation's later
 * messages wait behind it (key order), while other conversations go on. Carries its own delay.
 */
public final class RetryLater extends PCRetriableException {

    private final Duration delay;

    public RetryLater(String reason, Duration delay) {
        super(reason, null);
        this.delay = delay;
    }

    public Duration delay() {
        return delay;
    }

    /** The delay of a RetryLater anywhere in the cause chain, else {@code fallback}. */
    public static Duration delayOf(Throwable failure, Duration fallback) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetryLater retry) {
                return retry.delay;
            }
        }
        return fallback;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // flow control, not an error: no stack trace
    }
}
