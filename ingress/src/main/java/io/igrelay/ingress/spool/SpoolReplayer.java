package io.igrelay.ingress.spool;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the spool to Kafka in append order whenever the breaker lets it try (SPEC 8): a batch is sent, every ack
 * awaited, and only the acknowledged prefix released, so nothing is deleted that Kafka does not hold. Records whose
 * first send was still in flight when they were spooled wait for that outcome and are skipped if it landed.
 */
public final class SpoolReplayer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolReplayer.class);
    private static final long BATCH_BYTES = 8L * 1024 * 1024;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Spool spool;
    private final CircuitBreaker breaker;
    private final SpoolingPublisher publisher;
    private final BooleanSupplier kafkaUp;
    private final Duration ackWait;
    private final SpoolMetrics metrics;
    private final int batchRecords;
    private final Thread thread;
    private volatile boolean running = true;

    public SpoolReplayer(Producer<byte[], byte[]> producer, String topic, Spool spool, CircuitBreaker breaker,
                         SpoolingPublisher publisher, BooleanSupplier kafkaUp, Duration ackWait,
                         SpoolMetrics metrics, int batchRecords) {
        this.batchRecords = batchRecords;
        this.producer = producer;
        this.topic = topic;
        this.spool = spool;
        this.breaker = breaker;
        this.publisher = publisher;
        this.kafkaUp = kafkaUp;
        this.ackWait = ackWait;
        this.metrics = metrics;
        this.thread = new Thread(this::loop, "igrelay-spool-replayer");
        this.thread.setDaemon(true);
    }

    public SpoolReplayer start() {
        thread.start();
        return this;
    }

    private void loop() {
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
    }

    /**
     * One round; true when it moved something (so the loop goes on without pausing). An open breaker past its
     * backoff first asks the cluster itself ({@code kafkaUp}), so no batch is handed to a producer that cannot
     * reach a broker.
     */
    boolean step() {
        if (spool.isEmpty() && publisher.isDirect()) {
            return false;
        }
        if (!breaker.tryAttempt()) {
            return false;
        }
        if (breaker.state() == CircuitBreaker.State.HALF_OPEN && !kafkaUp.getAsBoolean()) {
            breaker.recordFailure();
            return false;
        }
        if (spool.isEmpty()) {
            breaker.recordSuccess();
            publisher.resumeIfDrained();
            return false;
        }
        List<SpoolEntry> batch = spool.peek(batchRecords, BATCH_BYTES);
        if (batch.isEmpty()) {
            return false; // appended but not yet fsynced
        }
        List<SpoolEntry> acked = replay(batch);
        spool.release(acked);
        metrics.replayed.increment(acked.size());
        if (acked.size() == batch.size()) {
            breaker.recordSuccess();
            publisher.resumeIfDrained();
            return true;
        }
        metrics.replayFailures.increment();
        breaker.recordFailure();
        LOG.warn("spool replay: Kafka took {} of {} records; retrying after {}", acked.size(), batch.size(),
                breaker.retryAt());
        return false;
    }

    /** Sends the batch in order and returns the prefix Kafka acknowledged. */
    private List<SpoolEntry> replay(List<SpoolEntry> batch) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (SpoolEntry entry : batch) {
            if (landedEarlier(entry)) {
                sends.add(CompletableFuture.completedFuture(null));
                metrics.alreadyDelivered.increment();
                continue;
            }
            try {
                sends.add(producer.send(new ProducerRecord<>(topic, entry.key(), entry.value())));
            } catch (RuntimeException e) {
                sends.add(CompletableFuture.failedFuture(e));
                break;
            }
        }
        List<SpoolEntry> acked = new ArrayList<>();
        Instant deadline = Instant.now().plus(ackWait);
        for (int i = 0; i < sends.size(); i++) {
            try {
                long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
                sends.get(i).get(left, TimeUnit.MILLISECONDS);
                acked.add(batch.get(i));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                break;
            }
        }
        return acked;
    }

    /** Waits for the late outcome of the record's first send, if it had one; true if that one reached Kafka. */
    private boolean landedEarlier(SpoolEntry entry) {
        CompletableFuture<Boolean> doubt = publisher.takeDoubt(entry.seq());
        if (doubt == null) {
            return false;
        }
        try {
            return doubt.get(ackWait.toMillis(), TimeUnit.MILLISECONDS);
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
    }
}
