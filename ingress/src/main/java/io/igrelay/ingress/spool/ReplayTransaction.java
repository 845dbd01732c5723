package io.igrelay.ingress.spool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * One spool batch in one Kafka transaction (contract §8), committed whole or aborted whole, with the transactional
 * producer it goes through: created on first use (its initTransactions fences a killed predecessor with the same id
 * and aborts the batch it left open), replaced after an error it cannot go on from. Replay thread only.
 */
final class ReplayTransaction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayTransaction.class);

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final String topic;
    private Producer<byte[], byte[]> producer;

    ReplayTransaction(Supplier<Producer<byte[], byte[]>> producers, String topic) {
        this.producers = producers;
        this.topic = topic;
    }

    /**
     * Writes the entries (a null value: the record goes to the dead-letter topic through {@code refused}); true once
     * the transaction committed. After a failed send the refusals are judged, so a record the broker refuses for
     * itself is condemned in time.
     */
    boolean write(List<SpoolEntry> toSend, List<byte[]> values, RefusedRecords refused) {
        Producer<byte[], byte[]> tx;
        try {
            tx = producer();
        } catch (KafkaException e) {
            LOG.warn("spool replay: cannot start a transactional producer: {}", e.toString());
            return false;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(toSend.size());
        try {
            tx.beginTransaction();
            for (int i = 0; i < toSend.size(); i++) {
                SpoolEntry entry = toSend.get(i);
                sends.add(values.get(i) == null ? refused.send(tx, entry)
                        : tx.send(new ProducerRecord<>(topic, entry.key(), values.get(i))));
            }
            tx.commitTransaction(); // flushes; throws if any send failed
            return true;
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException
                 | InvalidProducerEpochException | UnsupportedVersionException | IllegalStateException fatal) {
            LOG.warn("spool replay: the transactional producer cannot go on ({}); starting a new one",
                    fatal.toString());
            close();
        } catch (KafkaException e) {
            // a send or the commit failed or timed out: abort, so none of this batch becomes visible
            LOG.warn("spool replay: batch of {} not committed: {}", toSend.size(), e.toString());
            try {
                tx.abortTransaction();
            } catch (KafkaException abortFailed) {
                close(); // its successor's initTransactions aborts what is left open
            }
            refused.judge(toSend.subList(0, sends.size()), sends);
        }
        return false;
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

    /** Drops the producer (the next write starts a new one). */
    @Override
    public void close() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("closing the replay producer: {}", e.toString());
            }
            producer = null;
        }
    }
}
