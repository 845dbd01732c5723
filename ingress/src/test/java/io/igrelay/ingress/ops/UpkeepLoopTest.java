package io.igrelay.ingress.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.testkit.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The upkeep loops' health: rounds that move, hang, fail, and a loop that stops turning, seen by readiness. */
class UpkeepLoopTest {

    private static final Duration INTERVAL = Duration.ofHours(1);
    private static final Duration ITEM_BOUND = Duration.ofMinutes(4);

    private final Vertx vertx = Vertx.vertx();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final HealthMonitor health = HealthMonitor.standard(clock);
    private final AtomicInteger rounds = new AtomicInteger();
    private final AtomicReference<Promise<Void>> current = new AtomicReference<>();
    private final AtomicReference<UpkeepLoop.Progress> progress = new AtomicReference<>();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    private UpkeepLoop loop(UpkeepLoop.Round round) {
        UpkeepLoop loop = new UpkeepLoop(vertx, health.register("subscription-watchdog"), clock, INTERVAL,
                ITEM_BOUND, round);
        loop.begin(true);
        return loop;
    }

    /** A round that stays open until the test ends it, reporting items through {@link #progress}. */
    private Future<?> openRound(UpkeepLoop.Progress reporter) {
        rounds.incrementAndGet();
        progress.set(reporter);
        Promise<Void> promise = Promise.promise();
        current.set(promise);
        return promise.future();
    }

    /** Ticks once a second for {@code span}, as the timer does. */
    private void run(UpkeepLoop loop, Duration span) {
        for (long s = 0; s < span.toSeconds(); s++) {
            clock.advance(Duration.ofSeconds(1));
            loop.tick();
        }
    }

    private IngressReadiness readiness() {
        return IngressReadiness.of(true, health.report(), true);
    }

    @Test
    void shouldStayReadyBetweenRoundsLongerThanTheStuckBound() {
        UpkeepLoop loop = loop(p -> Future.succeededFuture(rounds.incrementAndGet()));

        loop.tick();
        run(loop, Duration.ofMinutes(20));

        assertThat(rounds).hasValue(1);
        assertThat(readiness().status()).isEqualTo("UP");
        assertThat(health.report().live()).isTrue();
    }

    @Test
    void shouldStartTheNextRoundOnlyAfterTheIntervalAndNeverOverlap() {
        UpkeepLoop loop = loop(this::openRound);

        loop.tick();
        run(loop, INTERVAL.plusMinutes(1));
        assertThat(rounds).as("the first round is still open").hasValue(1);

        current.get().complete();
        loop.tick();
        assertThat(rounds).as("overdue, so at once").hasValue(2);
    }

    @Test
    void shouldStayReadyWhileASlowRoundKeepsFinishingItems() {
        UpkeepLoop loop = loop(this::openRound);
        loop.tick();

        for (int item = 0; item < 5; item++) {
            run(loop, ITEM_BOUND.minusSeconds(10));
            progress.get().itemDone();
        }

        assertThat(readiness().status()).isEqualTo("UP");
    }

    @Test
    void shouldTurnReadinessDownWhenARoundMakesNoProgressAndLivenessLater() {
        UpkeepLoop loop = loop(this::openRound);
        loop.tick();

        run(loop, ITEM_BOUND);
        assertThat(readiness().status()).as("within the item bound").isEqualTo("UP");

        run(loop, Duration.ofSeconds(31));
        IngressReadiness stuck = readiness();
        assertThat(stuck.status()).isEqualTo("DOWN");
        assertThat(stuck.down()).containsExactly("subscription-watchdog STUCK");
        assertThat(health.report().live()).isTrue();

        run(loop, Duration.ofMinutes(5));
        assertThat(health.report().live()).isFalse();

        progress.get().itemDone();
        loop.tick();
        assertThat(readiness().status()).as("moving again").isEqualTo("UP");
    }

    @Test
    void shouldMarkTheLoopFailedWhenARoundFailsUntilOneSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        UpkeepLoop loop = loop(p -> calls.incrementAndGet() == 1
                ? Future.failedFuture(new IllegalStateException("bug in the round"))
                : Future.succeededFuture());

        loop.tick();
        IngressReadiness failed = readiness();
        assertThat(failed.status()).isEqualTo("DOWN");
        assertThat(failed.down()).containsExactly(
                "subscription-watchdog FAILED: IllegalStateException: bug in the round");

        run(loop, Duration.ofMinutes(6));
        assertThat(health.report().live()).as("dead for longer than the liveness bound").isFalse();

        run(loop, INTERVAL);
        assertThat(calls).hasValue(2);
        assertThat(readiness().status()).isEqualTo("UP");
    }

    @Test
    void shouldCountARoundThatThrowsAsFailed() {
        UpkeepLoop loop = loop(p -> {
            throw new IllegalArgumentException("thrown, not returned");
        });

        loop.tick();

        assertThat(readiness().down()).containsExactly(
                "subscription-watchdog FAILED: IllegalArgumentException: thrown, not returned");
    }

    @Test
    void shouldTurnReadinessDownWhenTheLoopStopsTurning() {
        UpkeepLoop loop = loop(p -> Future.succeededFuture());
        loop.tick();

        clock.advance(Duration.ofSeconds(31)); // no tick: the timer no longer fires

        assertThat(readiness().down()).containsExactly("subscription-watchdog STUCK");
    }

    @Test
    void shouldReportStoppedOnceClosed() {
        UpkeepLoop loop = loop(p -> Future.succeededFuture());
        loop.tick();

        loop.close();
        clock.advance(Duration.ofHours(2));

        assertThat(readiness().status()).isEqualTo("UP");
        assertThat(health.report().live()).isTrue();
    }
}
