package io.igrelay.ingress.spool;

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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the spool to Kafka in append order whenever the breaker lets it try (SPEC 8). Each batch goes out in one
 * Kafka transaction: it is committed whole or aborted whole, and only a committed batch is released from the spool,
 * so nothing is deleted that Kafka does not hold and a failed attempt leaves nothing visible to read_committed
 * readers (the processor) that a retry would write again. The transactional id is the instance's, so a restarted
 * ingress fences its killed predecessor and aborts the batch it left open. Records whose first send was still in
 * flight when they were spooled wait for that outcome and are skipped if it landed.
 */
public final class SpoolReplayer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolReplayer.class);
    private static final long BATCH_BYTES = 8L * 1024 * 1024;

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final String topic;
    private final Spool spool;
    private final CircuitBreaker breaker;
    private final SpoolingPublisher publisher;
    private final BooleanSupplier kafkaUp;
    private final Duration ackWait;
    private final SpoolMetrics metrics;
    private final int batchRecords;
    private final Map<Long, Boolean> landed = new HashMap<>(); // replay thread only: outcomes of first sends
    private final Thread thread;
    private Producer<byte[], byte[]> producer; // replay thread only; transactions initialised
    private volatile boolean running = true;

    /** @param producers makes a producer with a transactional.id that is stable for this instance */
    public SpoolReplayer(Supplier<Producer<byte[], byte[]>> producers, String topic, Spool spool,
                         CircuitBreaker breaker, SpoolingPublisher publisher, BooleanSupplier kafkaUp,
                         Duration ackWait, SpoolMetrics metrics, int batchRecords) {
        this.batchRecords = batchRecords;
        this.producers = producers;
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
        if (!acked.isEmpty()) {
            long last = acked.get(acked.size() - 1).seq();
            landed.keySet().removeIf(seq -> seq <= last);
        }
        metrics.replayed.increment(acked.size());
        if (acked.size() == batch.size()) {
            breaker.recordSuccess();
            publisher.resumeIfDrained();
            return true;
        }
        metrics.replayFailures.increment();
        breaker.recordFailure();
        LOG.warn("spool replay: retrying {} records after {}", batch.size(), breaker.retryAt());
        return false;
    }

    /** Sends the batch in one transaction; returns the whole batch once committed, else an empty list. */
    private List<SpoolEntry> replay(List<SpoolEntry> batch) {
        List<SpoolEntry> toSend = new ArrayList<>(batch.size());
        for (SpoolEntry entry : batch) {
            if (!landed.computeIfAbsent(entry.seq(), seq -> landedEarlier(entry))) {
                toSend.add(entry);
            }

        }
        if (toSend.isEmpty()) {
            return batch;
        }
        Producer<byte[], byte[]> tx;
        try {
            tx = producer();
        } catch (KafkaException e) {
            LOG.warn("spool replay: cannot start a transactional producer: {}", e.toString());
            return List.of();
        }
        try {
            tx.beginTransaction();
            for (SpoolEntry entry : toSend) {
                tx.send(new ProducerRecord<>(topic, entry.key(), entry.value()));
            }
            tx.commitTransaction(); // flushes; throws if any send failed
            return batch;
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException
                 | InvalidProducerEpochException | UnsupportedVersionException | IllegalStateException fatal) {
            LOG.warn("spool replay: the transactional producer cannot go on ({}); starting a new one", fatal.toString());
            discardProducer();
        } catch (KafkaException e) {
            // a send or the commit failed or timed out: abort, so none of this batch becomes visible
            LOG.warn("spool replay: batch of {} not committed: {}", toSend.size(), e.toString());
            try {
                tx.abortTransaction();
            } catch (KafkaException abortFailed) {
                discardProducer(); // its successor's initTransactions aborts what is left open
            }
        }
        return List.of();
    }

    private Producer<byte[], byte[]> producer() {
        if (producer == null) {
            Producer<byte[], byte[]> created = producers.get();
            try {
                created.initTransactions(); // fences a predecessor with the same id, aborting its open batch
            } catch (KafkaException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    private void discardProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("closing the replay producer: {}", e.toString());
            }
            producer = null;
        }
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
            discardProducer();
        }
    }
}
