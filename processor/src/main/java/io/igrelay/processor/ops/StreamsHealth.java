package io.igrelay.processor.ops;

import io.igrelay.processor.failure.DependencyGate;
import io.igrelay.processor.failure.StreamThreadRecovery;
import io.igrelay.schemas.ops.KafkaHealth;
import io.igrelay.schemas.ops.Probe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Turns what Kafka Streams shows from the outside into the probes HealthMonitor judges, every tick: the client's
 * state; stream threads that keep dying without any progress in between (FAILED: a record or the broker kills
 * every replacement); processing paused while the registry is away (WAITING); and, while RUNNING, records
 * processed and consumer lag, so a task with lag and no progress turns STUCK. Readiness and liveness follow from
 * HealthMonitor's one rule; the lag is also the consumer-lag gauge.
 */
public final class StreamsHealth {

    /** Deaths within this span, with no record processed since the first of them, mean "keeps dying". */
    static final Duration DYING_SPAN = Duration.ofMinutes(1);
    static final int DYING_DEATHS = 3;

    private final Supplier<KafkaStreams.State> state;
    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private final StreamThreadRecovery recovery;
    private final DependencyGate registry;
    private final Supplier<Optional<String>> kafkaError;
    private final Probe streamsProbe;
    private final Probe kafkaProbe;
    private final Clock clock;
    private long processed = -1;
    private Instant lastProcessedAt;
    private volatile long lag = -1;
    private boolean wasRunning;

    public StreamsHealth(Supplier<KafkaStreams.State> state, Supplier<Map<MetricName, ? extends Metric>> metrics,
                         StreamThreadRecovery recovery, DependencyGate registry,
                         Supplier<Optional<String>> kafkaError, Probe streamsProbe, Probe kafkaProbe, Clock clock) {
        this.state = state;
        this.metrics = metrics;
        this.recovery = recovery;
        this.registry = registry;
        this.kafkaError = kafkaError;
        this.streamsProbe = streamsProbe;
        this.kafkaProbe = kafkaProbe;
        this.clock = clock;
        this.lastProcessedAt = clock.instant();
    }

    /** Kafka as this class reads it: empty while it answers, else the last error. */
    public static Supplier<Optional<String>> kafkaError(KafkaHealth kafka) {
        return () -> kafka.up() ? Optional.empty() : Optional.of(kafka.lastError().orElse("no answer"));
    }

    /** One look at everything; called every few seconds by the service's scheduler. */
    public synchronized void tick() {
        Optional<String> kafkaDown = kafkaError.get();
        if (kafkaDown.isEmpty()) {
            kafkaProbe.running();
        } else {
            kafkaProbe.waiting("Kafka unreachable: " + kafkaDown.get());
        }
        registry.heartbeat();
        StreamsProgress progress = StreamsProgress.of(metrics.get());
        boolean progressed = progress.processed() > processed && processed >= 0;
        if (progress.processed() != processed) {
            if (progressed) {
                lastProcessedAt = clock.instant();
            }
            processed = progress.processed(); // a replaced thread starts its count again: a drop is no progress
        }
        if (progress.lag() >= 0) {
            lag = progress.lag();
        }
        judge(state.get(), progressed);
    }

    private void judge(KafkaStreams.State now, boolean progressed) {
        switch (now) {
            case ERROR, PENDING_ERROR -> streamsProbe.failed(new IllegalStateException("Kafka Streams is " + now));
            case NOT_RUNNING, PENDING_SHUTDOWN -> streamsProbe.stopped();
            default -> judgeAlive(now, progressed);
        }
    }

    private void judgeAlive(KafkaStreams.State now, boolean progressed) {
        long dying = recentDeathsWithoutProgress();
        if (dying >= DYING_DEATHS) {
            streamsProbe.failed(new IllegalStateException(dying + " stream thread deaths in the last "
                    + DYING_SPAN.toSeconds() + " s without a record processed"));
        } else if (!registry.available()) {
            streamsProbe.waiting("waiting for the schema registry (processing paused or start-up held)");
        } else if (now == KafkaStreams.State.RUNNING) {
            wasRunning = true;
            streamsProbe.running();
            if (progressed) {
                streamsProbe.progressed(lag);
            } else {
                streamsProbe.lag(lag);
            }
        } else if (wasRunning) {
            streamsProbe.waiting("Kafka Streams is " + now);
        } else {
            streamsProbe.beat(); // still starting (restoring state, first rebalance)
        }
    }

    private long recentDeathsWithoutProgress() {
        Instant now = clock.instant();
        List<Instant> deaths = recovery.deaths();
        return deaths.stream().filter(at -> at.isAfter(now.minus(DYING_SPAN)) && !at.isBefore(lastProcessedAt))
                .count();
    }

    /** Records the main consumers are behind (-1 until one reports). */
    public long lag() {
        return lag;
    }
}
