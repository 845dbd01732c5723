package io.igrelay.dispatcher.failure;

import io.igrelay.schemas.failure.FailureClassifier;
import io.igrelay.schemas.failure.FailureKind;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.Probe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Starts the part of a dispatcher module that needs its views complete and the schema registry answering (the
 * consumers), on its own thread, so the process comes up and its health answers while a dependency is away: it waits
 * for the views, runs the steps that need a dependency again after a bounded backoff while the dependency is away (the
 * probe says WAITING), then builds the consumers. Any other failure marks the probe FAILED. Nothing is consumed
 * before its views are complete.
 */
public final class DependentStart implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DependentStart.class);

    /** A start-up step; may throw. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private final String name;
    private final Probe probe;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile boolean closing;
    private Thread thread;

    public DependentStart(String name, Probe probe) {
        this.name = name;
        this.probe = probe;
    }

    /** Once every view has started: {@code dependent} (retried while a dependency is away), then {@code build}. */
    public CompletableFuture<Void> begin(List<CompletableFuture<Void>> views, Step dependent, Step build) {
        thread = new Thread(() -> run(views, dependent, build), name + "-starter");
        thread.setDaemon(true);
        thread.start();
        return started;
    }

    private void run(List<CompletableFuture<Void>> views, Step dependent, Step build) {
        try {
            CompletableFuture.allOf(views.toArray(new CompletableFuture<?>[0])).get();
            for (int attempt = 1; !closing; attempt++) {
                try {
                    dependent.run();
                    break;
                } catch (RuntimeException e) {
                    if (FailureClassifier.classify(e) != FailureKind.DEPENDENCY_UNAVAILABLE) {
                        throw e;
                    }
                    probe.waiting(FailureClassifier.describe(e));
                    Thread.sleep(FailurePolicy.DEFAULT.backoff().delay(attempt, ThreadLocalRandom.current())
                            .toMillis());
                }
            }
            if (!closing) {
                build.run();
                started.complete(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!closing) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                LOG.error("{} could not start: {}", name, FailureClassifier.describe(cause));
                probe.failed(cause);
                started.completeExceptionally(cause);
            }
        }
    }

    public CompletableFuture<Void> started() {
        return started;
    }

    /** Waits up to {@code bound}; past it the start goes on in the background (health shows why). */
    public void await(Duration bound) {
        try {
            started.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("{} is not running after {}; it starts as soon as its dependencies answer", name, bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // logged and reported by the starter
        }
    }

    @Override
    public void close() {
        closing = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
