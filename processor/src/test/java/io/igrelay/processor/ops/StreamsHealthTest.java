package io.igrelay.processor.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.processor.failure.DependencyGate;
import io.igrelay.processor.failure.StreamThreadRecovery;
import io.igrelay.schemas.failure.Backoff;
import io.igrelay.schemas.ops.HealthMonitor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Health that tells the truth about the stream threads: a poison record that kills every replacement thread, or a
 * task with lag and no progress, turns readiness DOWN (and liveness after the longer bound); waiting for the
 * schema registry is not ready but alive; a thread that died once and went on is fine. Time is a test clock.
 */
class StreamsHealthTest {

    private static final Backoff INSTANT = new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), Integer.MAX_VALUE);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
    private final HealthMonitor monitor = new HealthMonitor(clock, Duration.ofSeconds(30), Duration.ofMinutes(5));
    private final Map<MetricName, Metric> metrics = new HashMap<>();
    private final StreamThreadRecovery recovery = new StreamThreadRecovery(INSTANT, clock);
    private boolean registryAnswers = true;
    private KafkaStreams.State state = KafkaStreams.State.RUNNING;
    private DependencyGate gate;
    private StreamsHealth health;

    @BeforeEach
    void init() {
        gate = new DependencyGate("schema registry",
                () -> registryAnswers ? Optional.empty() : Optional.of("refused"), INSTANT,
                monitor.register("schema-registry"));
        health = new StreamsHealth(() -> state, () -> metrics, recovery, gate, Optional::empty,
                monitor.register("streams"), monitor.register("kafka"), clock);
        processed(0);
        lag(0);
    }

    private void processed(long total) {
        metric(new MetricName("process-total", "stream-thread-metrics", "", Map.of("thread-id", "t-1")), total);
    }

    private void lag(long records) {
        metric(new MetricName("records-lag", "consumer-fetch-manager-metrics", "", Map.of(
                "client-id", "app-1-StreamThread-1-consumer", "topic", "ig.webhooks.raw", "partition", "0")),
                records);
    }

    private void metric(MetricName name, double value) {
        metrics.put(name, new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }

    private void after(Duration duration) {
        clock.advance(duration);
        health.tick();
    }

    @Test
    void shouldBeReadyWhileRunningWithoutLag() {
        after(Duration.ofMinutes(10));
        assertThat(monitor.report().ready()).isTrue();
        assertThat(monitor.report().live()).isTrue();
    }

    @Test
    void shouldTurnNotReadyAndThenNotAliveWhenATaskHasLagAndMakesNoProgress() {
        health.tick();
        lag(40);
        after(Duration.ofSeconds(20));
        assertThat(monitor.report().ready()).isTrue();
        after(Duration.ofSeconds(20));
        assertThat(monitor.report().ready()).isFalse();
        assertThat(monitor.report().live()).isTrue();
        after(Duration.ofMinutes(5));
        assertThat(monitor.report().live()).isFalse();
        assertThat(health.lag()).isEqualTo(40);
    }

    @Test
    void shouldBeReadyAgainOnceRecordsAreProcessed() {
        health.tick();
        lag(40);
        after(Duration.ofMinutes(1));
        assertThat(monitor.report().ready()).isFalse();
        processed(10);
        lag(30);
        after(Duration.ofSeconds(2));
        assertThat(monitor.report().ready()).isTrue();
    }

    @Test
    void shouldTurnNotReadyWhenStreamThreadsKeepDyingOnTheSameRecord() {
        health.tick();
        for (int death = 0; death < 3; death++) {
            recovery.handle(new IllegalStateException("poison"));
            after(Duration.ofSeconds(5));
        }
        assertThat(monitor.report().ready()).isFalse();
        assertThat(monitor.report().checksAsMap(clock.instant()).get("streams").toString()).contains("FAILED");
        for (int death = 0; death < 24; death++) { // replaced every 15 s (the backoff's cap), dying each time
            recovery.handle(new IllegalStateException("poison"));
            after(Duration.ofSeconds(15));
        }
        assertThat(monitor.report().live()).isFalse();
    }

    @Test
    void shouldStayReadyAfterOneDeathFollowedByProgress() {
        health.tick();
        recovery.handle(new IllegalStateException("broker hiccup"));
        processed(5);
        after(Duration.ofSeconds(2));
        assertThat(monitor.report().ready()).isTrue();
    }

    @Test
    void shouldBeNotReadyButAliveWhileProcessingWaitsForTheRegistry() throws Exception {
        registryAnswers = false;
        gate.pauseProcessing("connection refused");
        lag(100);
        after(Duration.ofMinutes(10));
        assertThat(monitor.report().ready()).isFalse();
        assertThat(monitor.report().live()).as("a restart would not bring the registry back").isTrue();
        gate.close();
    }

    @Test
    void shouldBeNotReadyWhenKafkaStreamsIsInError() {
        state = KafkaStreams.State.ERROR;
        after(Duration.ofSeconds(2));
        assertThat(monitor.report().ready()).isFalse();
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
