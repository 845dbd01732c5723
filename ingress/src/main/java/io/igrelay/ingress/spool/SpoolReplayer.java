package io.igrelay.ingress.spool;

import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.ops.Probe;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the spool to Kafka in append order whenever the breaker lets it try (contract §8). Each batch goes out in one
 * Kafka transaction: it is committed whole or aborted whole, and only a committed batch is released from the spool,
 * so nothing is deleted that Kafka does not hold and a failed attempt leaves nothing visible to read_committed
 * readers (the processor) that a retry would write again. The transactional id is the instance's, so a restarted
 * ingress fences its killed predecessor and aborts the batch it left open. Records whose first send was still in
 * flight when they were spooled wait for that outcome and are skipped if it landed. A record the broker refuses
 * for itself (too large, invalid) is retried under the shared FailurePolicy and then written to the dead-letter
 * topic in place of the raw topic ({@link RefusedRecords}), so it never jams the spool; values are finished
 * ({@link ValueFinisher}: the schema id filled in) here on the replay thread, never on an event loop.
 */
public final class SpoolReplayer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolReplayer.class);
    private static final long BATCH_BYTES = 8L * 1024 * 1024;

    private final ReplayTransaction transaction;
    private final Spool spool;
    private final CircuitBreaker breaker;
    private final SpoolingPublisher publisher;
    private final BooleanSupplier kafkaUp;
    private final Duration ackWait;
    private final SpoolMetrics metrics;
    private final int batchRecords;
    private final Map<Long, Boolean> landed = new HashMap<>(); // replay thread only: outcomes of first sends
    private RefusedRecords refused = RefusedRecords.keepRetrying();
    private ValueFinisher finisher = ValueFinisher.AS_SPOOLED;
    private Probe probe = HealthMonitor.standard(Clock.systemUTC()).register("spool-replayer");
    private BooleanSupplier kafkaReady = () -> true;
    private String notReadyReason = "";
    private final Thread thread;
    private volatile boolean running = true;
    private boolean replaying; // replay thread only: for one log line per replay

    /** @param producers makes a producer with a transactional.id that is stable for this instance */
    public SpoolReplayer(Supplier<Producer<byte[], byte[]>> producers, String topic, Spool spool,
                         CircuitBreaker breaker, SpoolingPublisher publisher, BooleanSupplier kafkaUp,
                         Duration ackWait, SpoolMetrics metrics, int batchRecords) {
        this.batchRecords = batchRecords;
        this.transaction = new ReplayTransaction(producers, topic);
        this.spool = spool;
        this.breaker = breaker;
        this.publisher = publisher;
        this.kafkaUp = kafkaUp;
        this.ackWait = ackWait;
        this.metrics = metrics;
        this.thread = new Thread(this::loop, "igrelay-spool-replayer");
        this.thread.setDaemon(true);
    }

    /** Where records the broker refuses for good go (before start). */
    public SpoolReplayer refusedTo(RefusedRecords refusedRecords) {
        this.refused = refusedRecords;
        return this;
    }

    /** How a spooled value becomes the bytes written (before start). */
    public SpoolReplayer finishingWith(ValueFinisher valueFinisher) {
        this.finisher = valueFinisher;
        return this;
    }

    /** Replays nothing while {@code ready} is false (the ingress has not checked its topics yet), saying why. */
    public SpoolReplayer onlyWhen(BooleanSupplier ready, String reason) {
        this.kafkaReady = ready;
        this.notReadyReason = reason;
        return this;
    }

    /** Reports into the service's health (before start). */
    public SpoolReplayer reportingTo(Probe replayProbe) {
        this.probe = replayProbe;
        return this;
    }

    public SpoolReplayer start() {
        thread.start();
        return this;
    }

    private void loop() {
        probe.running();
        try {
            while (running) {
                try {
                    if (!step()) {
                        pause(breaker.isClosed() ? 20 : 50);
                    }
                } catch (RuntimeException e) {
                    LOG.error("spool replay step failed: {}", e.toString());
                    breaker.recordFailure();
                    pause(500);
                }
            }
            probe.stopped();
        } catch (Error e) {
            LOG.error("spool replayer died: {}", e.toString());
            probe.failed(e);
            throw e;
        }
    }

    /**
     * One round; true when it moved something (so the loop goes on without pausing). An open breaker past its
     * backoff first asks the cluster itself ({@code kafkaUp}), so no batch is handed to a producer that cannot
     * reach a broker.
     */
    boolean step() {
        probe.lag(spool.records());
        if (spool.isEmpty() && publisher.isDirect()) {
            probe.progressed(0);
            replaying = false;
            return false;
        }
        if (!kafkaReady.getAsBoolean()) {
            probe.waiting(notReadyReason);
            return false;
        }
        if (!breaker.tryAttempt()) {
            probe.waiting("kafka: not taking deliveries; retrying after " + breaker.retryAt());
            return false;
        }
        if (breaker.state() == CircuitBreaker.State.HALF_OPEN && !kafkaUp.getAsBoolean()) {
            breaker.recordFailure();
            probe.waiting("kafka: no broker answers");
            return false;
        }
        if (spool.isEmpty()) {
            breaker.recordSuccess();
            publisher.resumeIfDrained();
            return false;
        }
        if (!replaying) {
            replaying = true;
            LOG.info("spool replay: {} deliveries to write to Kafka", spool.records());
        }
        List<SpoolEntry> batch = spool.peek(batchRecords, BATCH_BYTES);
        if (batch.isEmpty()) {
            giveBackAttempt();
            return false; // appended but not yet fsynced
        }
        List<SpoolEntry> acked;
        try {
            acked = replay(batch);
        } catch (ValueFinisher.NotYet e) {
            probe.waiting(e.getMessage());
            giveBackAttempt(); // not Kafka's fault, but a half-open breaker must not stay half-open
            return false;
        }
        spool.release(acked);
        if (!acked.isEmpty()) {
            long last = acked.get(acked.size() - 1).seq();
            landed.keySet().removeIf(seq -> seq <= last);
            refused.forget(last);
            probe.progressed(spool.records());
        }
        metrics.replayed.increment(acked.size());
        if (acked.size() == batch.size()) {
            breaker.recordSuccess();
            publisher.resumeIfDrained();
            return true;
        }
        metrics.replayFailures.increment();
        breaker.recordFailure();
        probe.waiting("kafka: a replay batch was not committed");
        LOG.warn("spool replay: retrying {} records after {}", batch.size(), breaker.retryAt());
        return false;
    }

    /**
     * An attempt the breaker let through was not made: a half-open breaker only lets the next one through after an
     * outcome, so it opens again (its backoff) instead of staying half-open, which would stop the replay for good.
     */
    private void giveBackAttempt() {
        if (breaker.state() == CircuitBreaker.State.HALF_OPEN) {
            breaker.recordFailure();
        }
    }

    /** Sends the batch in one transaction; returns the whole batch once committed, else an empty list. */
    private List<SpoolEntry> replay(List<SpoolEntry> batch) {
        List<SpoolEntry> toSend = new ArrayList<>(batch.size());
        List<byte[]> values = new ArrayList<>(batch.size());
        for (SpoolEntry entry : batch) {
            if (!landed.computeIfAbsent(entry.seq(), seq -> landedEarlier(entry))) {
                toSend.add(entry);
                values.add(refused.condemned(entry.seq()) ? null : finisher.finish(entry.value()));
            }
        }
        if (toSend.isEmpty()) {
            return batch;
        }
        return transaction.write(toSend, values, refused) ? batch : List.of();
    }

    /**
     * Waits for the late outcome of the record's first send, if it had one; true if that one reached Kafka. A trip
     * closes the direct producer at once, so this wait is short: its unsent batches fail as it closes.
     */
    private boolean landedEarlier(SpoolEntry entry) {
        CompletableFuture<Boolean> doubt = publisher.takeDoubt(entry.seq());
        if (doubt == null) {
            return false;
        }
        try {
            boolean landedAlready = doubt.get(ackWait.toMillis(), TimeUnit.MILLISECONDS);
            if (landedAlready) {
                metrics.alreadyDelivered.increment();
            }
            return landedAlready;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            transaction.close();
        }
    }
}
