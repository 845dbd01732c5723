package io.igrelay.processor.failure;

import io.igrelay.schemas.failure.Backoff;
import io.igrelay.schemas.ops.Probe;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the processor's work while a dependency it cannot do without (the schema registry) is away, and lets it go
 * when the dependency answers again. A stream thread that failed for want of it has been failed on purpose (its
 * record stays uncommitted, so it is retried, never skipped): the gate pauses processing so the replacement thread
 * does not die on the same record in a loop, probes the dependency with bounded backoff, and resumes. The global
 * thread, which holds no transaction and no group membership, simply waits here. Its probe says WAITING meanwhile:
 * not ready, still alive (a restart would not bring the registry back).
 */
public final class DependencyGate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DependencyGate.class);

    /** Pauses and resumes stream processing (KafkaStreams#pause and #resume in the service). */
    public interface Processing {
        void pause();

        void resume();
    }

    private final String dependency;
    private final Supplier<Optional<String>> check;
    private final Backoff backoff;
    private final Probe probe;
    private final SplittableRandom random = new SplittableRandom();
    private volatile Processing processing;
    private boolean available = true;
    private boolean paused;
    private boolean closed;
    private Thread prober;

    /**
     * @param check asks the dependency once: empty when it answered, else why not
     */
    public DependencyGate(String dependency, Supplier<Optional<String>> check, Backoff backoff, Probe probe) {
        this.dependency = dependency;
        this.check = check;
        this.backoff = backoff;
        this.probe = probe;
        probe.running();
    }

    public void attach(Processing processing) {
        this.processing = processing;
    }

    /** A stream thread could not go on without the dependency: pause processing until it answers. */
    public synchronized void pauseProcessing(String reason) {
        unavailable(reason);
        if (!paused && processing != null && !closed) {
            paused = true;
            processing.pause();
            LOG.warn("Processing paused: {} unavailable ({}); records stay uncommitted until it answers", dependency,
                    reason);
        }
    }

    /** Blocks the calling thread until the dependency answers; throws when the gate closes for shutdown. */
    public synchronized void awaitAvailable(String reason) throws InterruptedException {
        unavailable(reason);
        while (!available && !closed) {
            wait(1_000);
            probe.beat();
        }
        if (closed) {
            throw new IllegalStateException("stopping while waiting for " + dependency);
        }
    }

    public synchronized boolean available() {
        return available;
    }

    /** Called by the health ticker: an available dependency is a healthy part that simply has nothing to report. */
    public synchronized void heartbeat() {
        if (available) {
            probe.running();
        } else {
            probe.beat();
        }
    }

    private void unavailable(String reason) {
        probe.waiting(dependency + " unavailable: " + reason);
        if (available) {
            available = false;
            if (!closed) {
                prober = new Thread(this::probeUntilAvailable, "dependency-gate-" + dependency);
                prober.setDaemon(true);
                prober.start();
            }
        }
    }

    private void probeUntilAvailable() {
        for (int attempt = 1; ; attempt++) {
            Duration delay = backoff.delay(attempt, random);
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            Optional<String> error = check.get();
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (error.isEmpty()) {
                    reopen();
                    return;
                }
                probe.waiting(dependency + " unavailable: " + error.get());
            }
        }
    }

    private void reopen() {
        available = true;
        probe.running();
        LOG.info("{} answers again{}", dependency, paused ? "; processing resumed" : "");
        if (paused && processing != null) {
            paused = false;
            processing.resume();
        }
        notifyAll();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (prober != null) {
            prober.interrupt();
        }
        notifyAll();
    }
}
