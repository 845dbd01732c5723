package io.igrelay.ingress.spool;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a record durable before anyone answers 200 (contract §8): straight to Kafka while the breaker is closed and the
 * spool empty, else to the spool behind what is already there. A send that Kafka does not acknowledge within the
 * ack timeout, or that fails, trips the breaker; every send still in flight then moves to the spool in arrival
 * order, marked "in doubt", so the replayer skips those that Kafka acknowledged late instead of writing them twice.
 *
 * <p>A trip also retires the producer at once ({@code close(0)}): its unsent batches fail instead of landing later,
 * so per partition what it did write is a prefix of what it was given (the idempotent producer's sequence numbers
 * see to that) and no in-doubt send can land after a later one failed. Replaying every failed one in spool order
 * therefore keeps arrival order per key. A fresh producer takes over when the replayer has drained the spool.
 */
public final class SpoolingPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolingPublisher.class);

    public enum Route { KAFKA, SPOOL }

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final String topic;
    private final Spool spool;
    private final CircuitBreaker breaker;
    private final long ackTimeoutNanos;
    private final SpoolMetrics metrics;
    private final ScheduledExecutorService sweeper;
    private final Map<Long, CompletableFuture<Boolean>> doubtsBySeq = new ConcurrentHashMap<>();
    private final BooleanSupplier directAllowed;

    // guarded by this
    private final LinkedHashMap<Long, InFlight> inFlight = new LinkedHashMap<>();
    private Producer<byte[], byte[]> producer; // null from a trip until the replayer resumes direct sends
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

    /** @param producers makes a ready producer (metadata fetched): one now, and a fresh one after each trip */
    public SpoolingPublisher(Supplier<Producer<byte[], byte[]>> producers, String topic, Spool spool,
                             CircuitBreaker breaker, Duration ackTimeout, SpoolMetrics metrics) {
        this(producers, topic, spool, breaker, ackTimeout, metrics, () -> true);
    }

    /**
     * @param directAllowed whether records may go straight to Kafka at all (false while the ingress is starting:
     *                      topics not checked yet, schema not registered); while false everything is spooled and no
     *                      producer is made, so the process starts without Kafka
     */
    public SpoolingPublisher(Supplier<Producer<byte[], byte[]>> producers, String topic, Spool spool,
                             CircuitBreaker breaker, Duration ackTimeout, SpoolMetrics metrics,
                             BooleanSupplier directAllowed) {
        this.producers = producers;
        this.directAllowed = directAllowed;
        this.direct = spool.isEmpty() && directAllowed.getAsBoolean();
        this.producer = direct ? producers.get() : null;
        this.topic = topic;
        this.spool = spool;
        this.breaker = breaker;
        this.ackTimeoutNanos = ackTimeout.toNanos();
        this.metrics = metrics;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "igrelay-ack-timeout");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(5, ackTimeout.toMillis() / 10);
        sweeper.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
        if (!direct && !spool.isEmpty()) {
            breaker.recordFailure();
        }
    }

    /** Completes once the record is acknowledged by Kafka or fsynced in the spool; fails when neither can be. */
    public CompletableFuture<Route> publish(SpoolableRecord record) {
        InFlight flight;
        Producer<byte[], byte[]> current;
        synchronized (this) {
            flight = new InFlight(nextId++, record);
            if (!direct) {
                toSpool(flight);
                return flight.result;
            }
            inFlight.put(flight.id, flight);
            current = producer;
        }
        try {
            // a trip in between closed it: the send throws and the record is already in the spool
            current.send(new ProducerRecord<>(topic, record.key(), record.value(false)),
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

    /**
     * Called by the replayer (its thread only): once the spool is drained and Kafka answers, new records go direct
     * again, through a fresh producer if a trip retired the last one (made outside the lock: it fetches metadata).
     */
    void resumeIfDrained() {
        synchronized (this) {
            if (direct || !spool.isEmpty() || !breaker.isClosed() || !directAllowed.getAsBoolean()) {
                return;
            }
            if (producer != null) {
                resume();
                return;
            }
        }
        Producer<byte[], byte[]> fresh = producers.get();
        synchronized (this) {
            producer = fresh;
            if (!direct && spool.isEmpty() && breaker.isClosed()) {
                resume();
            }
        }
    }

    private void resume() {
        direct = true;
        LOG.info("spool drained: deliveries go straight to Kafka again");
    }

    private void onAck(InFlight flight, Exception error) {
        boolean answered = false;
        Producer<byte[], byte[]> retired = null;
        synchronized (this) {
            if (inFlight.containsKey(flight.id)) {
                if (error == null) {
                    inFlight.remove(flight.id);
                    answered = true;
                } else {
                    retired = trip("a send failed: " + error.getClass().getSimpleName());
                }
            }
        }
        retire(retired);
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
        Producer<byte[], byte[]> retired = null;
        synchronized (this) {
            if (!inFlight.isEmpty()
                    && System.nanoTime() - inFlight.values().iterator().next().sentAt > ackTimeoutNanos) {
                retired = trip("no acknowledgement within " + Duration.ofNanos(ackTimeoutNanos).toMillis() + " ms");
            }
        }
        retire(retired);
    }

    /**
     * Kafka is failing: open the breaker, move every unacknowledged send, in order, into the spool, and hand back
     * the producer to retire (closed by the caller outside the lock: its abort callbacks take the lock).
     */
    private Producer<byte[], byte[]> trip(String reason) {
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
        Producer<byte[], byte[]> retired = producer;
        producer = null;
        return retired;
    }

    /** close(0): batches not yet written fail now (their callbacks settle the doubts) instead of landing later. */
    private static void retire(Producer<byte[], byte[]> retired) {
        if (retired == null) {
            return;
        }
        try {
            retired.close(Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.warn("closing the retired producer failed: {}", e.toString());
        }
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
                doubtsBySeq.remove(appended.seq(), flight.doubt); // its number is never given again
                flight.result.completeExceptionally(error);
            }
        });
    }

    /** Stops the ack sweeper and closes the producer, waiting a little for sends still in flight. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        Producer<byte[], byte[]> current;
        synchronized (this) {
            current = producer;
            producer = null;
        }
        if (current != null) {
            current.close(Duration.ofSeconds(10));
        }
    }
}
