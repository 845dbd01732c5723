package io.igrelay.dispatcher.failure;

import io.igrelay.schemas.failure.FailureClassifier;
import io.igrelay.schemas.failure.FailureKind;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.Probe;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The life of one dispatcher loop thread, told truthfully to its Probe: each turn beats; a turn that fails because
 * a dependency is away (broker, registry) is tried again after a bounded backoff while the probe says WAITING; any
 * other failure ends the loop with the probe FAILED, so readiness turns DOWN at once and liveness fails later (an
 * orchestrator restarts the process) instead of a dead thread hiding behind an UP.
 */
public final class LoopLife {

    private static final Logger LOG = LoggerFactory.getLogger(LoopLife.class);

    /** One turn of the loop (a poll and what follows it). */
    @FunctionalInterface
    public interface Turn {
        void run();
    }

    private final String name;
    private final Probe probe;
    private final FailurePolicy policy;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running = true;

    public LoopLife(String name, Probe probe, FailurePolicy policy) {
        this.name = name;
        this.probe = probe;
        this.policy = policy;
    }

    public Probe probe() {
        return probe;
    }

    public boolean running() {
        return running;
    }

    /** A part that was STARTING works now (one that already reported anything else keeps it). */
    public static void started(Probe probe) {
        if (probe.snapshot().state() == Probe.State.STARTING) {
            probe.running();
        }
    }

    /** Runs turns until {@link #stop()}; returns when the loop ends (stopped or failed). */
    public void run(Turn turn) {
        int failures = 0;
        started(probe);
        try {
            while (running) {
                try {
                    turn.run();
                    failures = 0;
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (FailureClassifier.classify(e) != FailureKind.DEPENDENCY_UNAVAILABLE) {
                        throw e;
                    }
                    probe.waiting(FailureClassifier.describe(e));
                    pause(policy.backoff().delay(++failures, ThreadLocalRandom.current()));
                }
            }
            probe.stopped();
        } catch (WakeupException e) {
            probe.stopped();
        } catch (RuntimeException | Error e) {
            if (!running) {
                probe.stopped();
                return;
            }
            LOG.error("{} stopped: {}", name, FailureClassifier.describe(e));
            probe.failed(e);
        }
    }

    /** A turn went through without holding a record: the loop works (again), {@code lag} records behind. */
    public void turnDone(long lag, boolean handledAny) {
        if (handledAny) {
            probe.progressed(lag);
        } else {
            probe.lag(lag);
        }
        if (probe.snapshot().state() != Probe.State.RUNNING) {
            probe.running();
        }
    }

    /** Waits (woken early by stop()); keeps beating so a held record is not mistaken for a dead loop. */
    public void pause(Duration wait) {
        try {
            stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            probe.beat();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    public void stop() {
        running = false;
        stopping.countDown();
    }

    /** How many records the consumer's assigned partitions still have to read (unknown ones count 0). */
    public static long lag(Consumer<?, ?> consumer) {
        long total = 0;
        for (TopicPartition tp : consumer.assignment()) {
            total += consumer.currentLag(tp).orElse(0);
        }
        return total;
    }
}
