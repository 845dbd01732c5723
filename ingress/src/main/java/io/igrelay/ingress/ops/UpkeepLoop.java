package io.igrelay.ingress.ops;

import io.igrelay.schemas.ops.Probe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A periodic upkeep job (token renewal, webhook-subscription checks) run as a loop whose health tells the truth: a
 * tick every second beats the part's probe and starts a round when one is due (rounds never overlap); each item a
 * round finishes is progress. A round in which no item finished for {@code itemBound} stops the beats, so the
 * HealthMonitor marks the part STUCK (readiness DOWN) and later not alive; a timer that no longer fires stops them
 * too. A round that fails (a bug: expected Meta and Kafka errors are handled inside it) marks the part FAILED until a
 * later round succeeds.
 */
public final class UpkeepLoop implements AutoCloseable {

    /**
     * Longer than the slowest item that still moves: two Meta calls (5 s to connect, 30 s idle each) and one Kafka
     * write (the producer's default 120 s delivery timeout).
     */
    public static final Duration ITEM_BOUND = Duration.ofMinutes(4);
    private static final long TICK_MS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(UpkeepLoop.class);

    /** What a round reports as it goes. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = () -> { };

        /** One item (a channel) is done, whatever its outcome. */
        void itemDone();
    }

    /** One round over the current work; the future completes when the round is over. */
    @FunctionalInterface
    public interface Round {
        Future<?> run(Progress progress);
    }

    private final Vertx vertx;
    private final Probe probe;
    private final Clock clock;
    private final Duration interval;
    private final Duration itemBound;
    private final Round round;
    private final AtomicBoolean inRound = new AtomicBoolean();
    private volatile Instant nextRoundAt;
    private volatile Instant movedAt;
    private long timerId = -1;

    /** {@code clock}: the health monitor's clock (the probe's). */
    public UpkeepLoop(Vertx vertx, Probe probe, Clock clock, Duration interval, Duration itemBound, Round round) {
        this.vertx = vertx;
        this.probe = probe;
        this.clock = clock;
        this.interval = interval;
        this.itemBound = itemBound;
        this.round = round;
    }

    /** Starts ticking; the first round runs at once or after one interval. */
    public UpkeepLoop start(boolean roundAtOnce) {
        begin(roundAtOnce);
        timerId = vertx.setPeriodic(TICK_MS, id -> tick());
        if (roundAtOnce) {
            vertx.runOnContext(v -> tick());
        }
        return this;
    }

    /** The state {@link #start} sets before the timer runs (tests tick by hand). */
    void begin(boolean roundAtOnce) {
        Instant now = clock.instant();
        nextRoundAt = roundAtOnce ? now : now.plus(interval);
        movedAt = now;
        probe.running();
    }

    /** One turn of the loop: the timer calls it every second. */
    void tick() {
        Instant now = clock.instant();
        if (inRound.get()) {
            if (Duration.between(movedAt, now).compareTo(itemBound) <= 0) {
                probe.beat();
            }
            return;
        }
        probe.beat();
        if (!now.isBefore(nextRoundAt) && inRound.compareAndSet(false, true)) {
            runRound(now);
        }
    }

    private void runRound(Instant now) {
        movedAt = now;
        nextRoundAt = now.plus(interval);
        Future<?> result;
        try {
            result = round.run(this::itemDone);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(done -> {
            inRound.set(false);
            if (done.succeeded()) {
                probe.running();
                probe.progressed();
            } else {
                LOG.error("{} round failed: {}", probe.name(), done.cause().toString());
                probe.failed(done.cause());
            }
        });
    }

    private void itemDone() {
        movedAt = clock.instant();
        probe.progressed();
    }

    @Override
    public void close() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        probe.stopped();
    }
}
