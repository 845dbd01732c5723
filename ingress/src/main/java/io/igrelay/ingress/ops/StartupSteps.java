package io.igrelay.ingress.ops;

import io.igrelay.schemas.failure.FailureClassifier;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of the ingress's start that needs Kafka or the schema registry, run on its own thread after the ports
 * listen, so the ingress answers (and spools Meta's deliveries) while either is away. Each step runs in order; while
 * a step fails because a dependency is away it is retried under the shared FailurePolicy (for as long as it takes)
 * and the probe is WAITING with the step's name and the error, so readiness names what is missing; any other failure
 * is retried a bounded number of times, then marks the probe FAILED (readiness DOWN) and stops the sequence. When
 * every step is done the probe stops.
 */
public final class StartupSteps implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSteps.class);

    /** One blocking step; may throw. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private record Named(String name, Step step) {
    }

    /** A dependency did not answer (a step says so when it learns it without an exception, e.g. a health check). */
    public static final class Away extends RetriableException {
        public Away(String message) {
            super(message);
        }
    }

    private final Probe probe;
    private final List<Named> steps = new ArrayList<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private Thread thread;

    public StartupSteps(Probe probe) {
        this.probe = probe;
    }

    /** Adds a step; {@code name} is the dependency it waits for (kafka, schema-registry), shown while it waits. */
    public StartupSteps then(String name, Step step) {
        steps.add(new Named(name, step));
        return this;
    }

    public CompletableFuture<Void> begin() {
        thread = new Thread(this::run, "igrelay-ingress-startup");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    public CompletableFuture<Void> done() {
        return done;
    }

    private void run() {
        try {
            for (Named named : steps) {
                runUntilDone(named);
            }
            probe.stopped();
            LOG.info("ingress start-up complete: Kafka topics checked, schemas registered, views following");
            done.complete(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.cancel(false);
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.error("ingress start-up failed: {}", FailureClassifier.describe(cause));
            probe.failed(cause);
            done.completeExceptionally(cause);
        }
    }

    private void runUntilDone(Named named) throws Exception {
        for (int attempt = 1; ; attempt++) {
            probe.beat();
            try {
                named.step().run();
                return;
            } catch (Exception e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                FailurePolicy.Verdict verdict = FailurePolicy.DEFAULT.decide(cause, attempt,
                        ThreadLocalRandom.current());
                if (verdict instanceof FailurePolicy.DeadLetter) {
                    throw e; // malformed, or failed too often for any other reason than a dependency
                }
                probe.waiting(named.name() + ": " + FailureClassifier.describe(cause));
                if (attempt == 1 || attempt % 10 == 0) {
                    LOG.warn("ingress start-up waits for {}: {} (webhooks are spooled meanwhile)", named.name(),
                            FailureClassifier.describe(cause));
                }
                long wait = ((FailurePolicy.Retry) verdict).after().toMillis();
                if (closing.await(Math.min(wait, 5_000), TimeUnit.MILLISECONDS)) {
                    throw new InterruptedException("closing");
                }
            }
        }
    }

    @Override
    public void close() {
        closing.countDown();
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
