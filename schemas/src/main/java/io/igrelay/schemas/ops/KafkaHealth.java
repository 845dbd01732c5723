package io.igrelay.schemas.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Knows whether Kafka answers, without ever blocking a request thread: a background check asks the cluster for its
 * nodes every interval, and {@code /health/ready} handlers read the last result. A service is ready only when Kafka
 * answered recently (contract §5.4).
 */
public final class KafkaHealth implements AutoCloseable {

    private final Admin admin;
    private final Duration interval;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private volatile Instant lastSuccess = Instant.EPOCH;
    private volatile Optional<String> lastError = Optional.of("not checked yet");

    public KafkaHealth(Admin admin, Duration interval, Clock clock) {
        this.admin = admin;
        this.interval = interval;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kafka-health");
            t.setDaemon(true);
            return t;
        });
    }

    public KafkaHealth start() {
        scheduler.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One synchronous check; also used at start-up to wait for the broker. */
    public boolean check() {
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) interval.toMillis() * 2))
                    .nodes().get(interval.toMillis() * 2, TimeUnit.MILLISECONDS).size();
            if (nodes > 0) {
                lastSuccess = clock.instant();
                lastError = Optional.empty();
                return true;
            }
            lastError = Optional.of("cluster reports no nodes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastError = Optional.of("interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            lastError = Optional.of(cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
        return false;
    }

    /** Kafka answered within the last three intervals. */
    public boolean up() {
        return Duration.between(lastSuccess, clock.instant()).compareTo(interval.multipliedBy(3)) < 0;
    }

    public Optional<String> lastError() {
        return lastError;
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
