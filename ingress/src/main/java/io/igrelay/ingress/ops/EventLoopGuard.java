package io.igrelay.ingress.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nothing that can block may run on a Vert.x event loop of the ingress: one such call during a Kafka or registry
 * hiccup freezes Meta's intake on that loop. Every schema-registry call and every blocking Kafka client call of the
 * ingress passes {@link #check}; on an event-loop thread it is counted
 * ({@code igrelay_ingress_event_loop_blocking_calls_total}) and logged once, and in strict mode (tests: system
 * property {@value #STRICT}) it throws, so a test that makes such a call fails.
 */
public final class EventLoopGuard {

    /** Set to {@code true} to make a blocking call on an event loop throw. */
    public static final String STRICT = "igrelay.eventLoopGuard.strict";
    private static final Logger LOG = LoggerFactory.getLogger(EventLoopGuard.class);
    private static final EventLoopGuard PROCESS = new EventLoopGuard(() -> Boolean.getBoolean(STRICT));

    private final BooleanSupplier strict;
    private final AtomicLong violations = new AtomicLong();
    private final AtomicBoolean logged = new AtomicBoolean();

    public EventLoopGuard(BooleanSupplier strict) {
        this.strict = strict;
    }

    /** The guard every Kafka and registry client of this process passes (strict per {@value #STRICT}). */
    public static EventLoopGuard process() {
        return PROCESS;
    }

    /** Exposes the count of violations as a metric. */
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("igrelay_ingress_event_loop_blocking_calls", violations, AtomicLong::get)
                .description("Calls that can block (registry lookups, Kafka client calls) made on an event loop")
                .register(registry);
    }

    /** Counts (and in strict mode refuses) {@code what} when called on an event-loop thread. */
    public void check(String what) {
        if (!Context.isOnEventLoopThread()) {
            return;
        }
        violations.incrementAndGet();
        String message = what + " ran on the event-loop thread " + Thread.currentThread().getName();
        if (strict.getAsBoolean()) {
            throw new BlockingOnEventLoop(message);
        }
        if (logged.compareAndSet(false, true)) {
            LOG.warn("{} (it can block Meta's intake; logged once, counted in "
                    + "igrelay_ingress_event_loop_blocking_calls_total)", message);
        }
    }

    public long violations() {
        return violations.get();
    }

    /** A call that can block was made on an event loop (strict mode). */
    public static final class BlockingOnEventLoop extends IllegalStateException {
        BlockingOnEventLoop(String message) {
            super(message);
        }
    }
}
