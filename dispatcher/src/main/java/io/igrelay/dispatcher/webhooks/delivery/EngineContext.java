package io.igrelay.dispatcher.webhooks.delivery;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/*
 * The one Vert.x context the DeliveryEngine runs on, taken from the process's Vertx (the dispatcher has one): tasks
 * and timers for the engine go through here, so closing it cancels the retries still waiting and drops what is
 * posted afterwards, without closing a Vertx other parts of the process share.
 */
public final class EngineContext implements EngineScheduler, AutoCloseable {

    private final Vertx vertx;
    private final Context context;
    private final Clock clock;
    private final Set<Long> timers = new HashSet<>();
    private boolean closed;

    public EngineContext(Vertx vertx, Clock clock) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.clock = clock;
    }

    /** The context itself (the loops and the replayer hand records over on it). */
    public Context context() {
        return context;
    }

    /** Runs {@code task} on the engine's context unless it is closed. */
    public void run(Runnable task) {
        context.runOnContext(v -> {
            if (!closed) {
                task.run();
            }
        });
    }

    @Override
    public void at(Instant when, Runnable task) {
        long delay = Math.max(1, Duration.between(clock.instant(), when).toMillis());
        long[] id = new long[1];
        id[0] = vertx.setTimer(delay, t -> {
            timers.remove(id[0]);
            if (!closed) {
                task.run();
            }
        });
        timers.add(id[0]);
    }

    /** Waits until everything posted to the context so far ran. */
    public void drain() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> done.complete());
        done.future().await();
    }

    /** Cancels the waiting timers and drops every later task; waits until that happened on the context. */
    @Override
    public void close() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            closed = true;
            timers.forEach(vertx::cancelTimer);
            timers.clear();
            done.complete();
        });
        done.future().await();
    }
}
