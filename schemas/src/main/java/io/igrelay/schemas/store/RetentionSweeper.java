package io.igrelay.schemas.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Enforces the local store's retention on its own thread: every interval it purges what fell out of it (attempt rows
 * past the log retention, jobs past theirs), so the store holds the same window as the topics it mirrors and its disk
 * use stays bounded. A failed sweep is logged and tried again at the next interval.
 */
public final class RetentionSweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "store-retention");
        thread.setDaemon(true);
        return thread;
    });

    /** Runs every sweep of {@code sweeps} (each purging up to the instant it is given) every {@code interval}. */
    public RetentionSweeper(List<Function<Instant, Integer>> sweeps, Duration interval, Clock clock) {
        timer.scheduleWithFixedDelay(() -> {
            for (Function<Instant, Integer> sweep : sweeps) {
                try {
                    int purged = sweep.apply(clock.instant());
                    if (purged > 0) {
                        LOG.debug("purged {} entries past their retention", purged);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("retention sweep failed, trying again in {}: {}", interval, e.toString());
                }
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
