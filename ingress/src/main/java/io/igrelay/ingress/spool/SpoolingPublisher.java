package io.igrelay.ingress.spool;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a record durable before anyone answers 200 (SPEC 8): straight to Kafka while the breaker is closed and the
 * spool empty, else to the spool behind what is already there. A send that Kafka does not acknowledge within the
 * ack timeout, or that fails, trips the breaker; every send still in flight then moves to the spool in arrival
 * order, marked "in doubt", so the replayer skips those that Kafka acknowledges late instead of writing them twice.
 */
public final class SpoolingPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolingPublisher.class);

    public enum Route { KAFKA, SPOOL }

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Spool spool;
    private final CircuitBreaker breaker;
    private final long ackTimeoutNanos;
    private final SpoolMetrics metrics;
    private final ScheduledExecutorService sweeper;
    private final Map<Long, CompletableFuture<Boolean>> doubtsBySeq = new ConcurrentHashMap<>();

    // guarded by this
    private final LinkedHashMap<Long, InFlight> inFlight = new LinkedHashMap<>();
    private boolean direct;
    private long nextId;

    private static final class InFlight {
        final long id;
        final SpoolableRecord record;
        final long sentAt = System.nanoTime();
        final CompletableFuture<Route> result = new CompletableFuture<>();
        volatile CompletableFuture<Boolean> doubt;

        InFlight(long id, SpoolableRecord record) {
            this.id = id;
            this.record = record;
        }
    }

    public SpoolingPublisher(Producer<byte[], byte[]> producer, String topic, Spool spool, CircuitBreaker breaker,
                             Duration ackTimeout, SpoolMetrics metrics) {
        this.producer = producer;
        this.topic = topic;
        this.spool = spool;
        this.breaker = breaker;
        this.ackTimeoutNanos = ackTimeout.toNanos();
        this.metrics = metrics;
        this.direct = spool.isEmpty();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "igrelay-ack-timeout");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(5, ackTimeout.toMillis() / 10);
        sweeper.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
        if (!direct) {
            breaker.recordFailure();
        }
    }

    /** Completes once the record is acknowledged by Kafka or fsynced in the spool; fails when neither can be. */
    public CompletableFuture<Route> publish(SpoolableRecord record) {
        InFlight flight;
        synchronized (this) {
            flight = new InFlight(nextId++, record);
            if (!direct) {
                toSpool(flight);
                return flight.result;
            }
            inFlight.put(flight.id, flight);
        }
        try {
            producer.send(new ProducerRecord<>(topic, record.key(), record.value(false)),
                    (metadata, error) -> onAck(flight, error));
        } catch (RuntimeException e) {
            onAck(flight, e);
        }
        return flight.result;
    }

    /** True while new records go straight to Kafka. */
    public synchronized boolean isDirect() {
        return direct;
    }

    /** The late outcome of a spooled record's first send, if it had one in flight (the replayer's question). */
    CompletableFuture<Boolean> takeDoubt(long seq) {
        return doubtsBySeq.remove(seq);
    }

    /** Called by the replayer: once the spool is drained and Kafka answers, new records go direct again. */
    synchronized void resumeIfDrained() {
        if (!direct && spool.isEmpty() && breaker.isClosed()) {
            direct = true;
            LOG.info("spool drained: deliveries go straight to Kafka again");
        }
    }

    private void onAck(InFlight flight, Exception error) {
        boolean answered = false;
        synchronized (this) {
            if (inFlight.containsKey(flight.id)) {
                if (error == null) {
                    inFlight.remove(flight.id);
                    answered = true;
                } else {
                    trip("a send failed: " + error.getClass().getSimpleName());
                }
            }
        }
        if (answered) {
            flight.result.complete(Route.KAFKA);
            return;
        }
        CompletableFuture<Boolean> doubt = flight.doubt;
        if (doubt != null) {
            doubt.complete(error == null);
        }
    }

    private void sweep() {
        synchronized (this) {
            if (!inFlight.isEmpty()
                    && System.nanoTime() - inFlight.values().iterator().next().sentAt > ackTimeoutNanos) {
                trip("no acknowledgement within " + Duration.ofNanos(ackTimeoutNanos).toMillis() + " ms");
            }
        }
    }

    /** Kafka is failing: open the breaker and move every unacknowledged send, in order, into the spool. */
    private void trip(String reason) {
        if (direct) {
            LOG.warn("Kafka is not taking deliveries ({}); spooling to {} until it does", reason,
                    spool.directory());
            metrics.trips.increment();
        }
        direct = false;
        breaker.recordFailure();
        for (InFlight flight : inFlight.values()) {
            flight.doubt = new CompletableFuture<>();
            toSpool(flight);
        }
        inFlight.clear();
    }

    private void toSpool(InFlight flight) {
        Spool.Appended appended = spool.append(flight.record.key(), flight.record.value(true));
        if (appended.seq() >= 0 && flight.doubt != null) {
            doubtsBySeq.put(appended.seq(), flight.doubt);
        }
        appended.durable().whenComplete((seq, error) -> {
            if (error == null) {
                flight.result.complete(Route.SPOOL);
            } else {
                flight.result.completeExceptionally(error);
            }
        });
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
