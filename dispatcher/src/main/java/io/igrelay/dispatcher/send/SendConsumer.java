package io.igrelay.dispatcher.send;

import io.confluent.parallelconsumer.ParallelConsumerOptions;
import io.confluent.parallelconsumer.ParallelConsumerOptions.CommitMode;
import io.confluent.parallelconsumer.ParallelConsumerOptions.ProcessingOrder;
import io.confluent.parallelconsumer.ParallelEoSStreamProcessor;
import io.igrelay.schemas.consume.CompactedTopicView;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Consumes ig.outbound.dispatch with Confluent's parallel consumer in KEY order: one conversation (<account>|<IGSID>)
 * at a time, thousands of conversations at once, offsets committed every commitInterval and only for records whose
 * outcome is on Kafka: workers return as soon as the outcome is queued, and every commit (periodic, on revocation, on
 * close) first waits for the queued outcome writes (PendingWrites). When partitions arrive, their records are held
 * (retried shortly, never skipped) until the ledger view has caught up, so a command another instance already sent is
 * skipped; the rebalance itself never waits for the view.
 */
public final class SendConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SendConsumer.class);
    private static final Duration LEDGER_WAIT = Duration.ofMillis(200);

    private static final Duration WRITES_WAIT = Duration.ofSeconds(10);
    private static final Duration WORK_SCAN_GAP = Duration.ofMillis(5);

    private final ParallelEoSStreamProcessor<String, byte[]> processor;
    private final String topic;
    private final SendPipeline pipeline;
    private final CompactedTopicView<?> ledgerView;
    private volatile CompletableFuture<Void> ledgerCaughtUp = CompletableFuture.completedFuture(null);

    public SendConsumer(Consumer<String, byte[]> consumer, String topic, SendSettings settings, SendPipeline pipeline,
            CompactedTopicView<?> ledgerView, PendingWrites pending) {
        this.topic = topic;
        this.pipeline = pipeline;
        this.ledgerView = ledgerView;
        this.processor = new GatedProcessor(options(consumer, settings), pending, settings.throttleFromInFlight());
    }

    /** Key order, the configured concurrency and commit cadence, and at most {@code bufferedRecords} read ahead. */
    static ParallelConsumerOptions<String, byte[]> options(Consumer<String, byte[]> consumer, SendSettings settings) {
        return ParallelConsumerOptions.<String, byte[]>builder()
                .consumer(consumer)
                .ordering(ProcessingOrder.KEY)
                .maxConcurrency(settings.maxConcurrency())
                .commitMode(CommitMode.PERIODIC_CONSUMER_SYNC)
                .commitInterval(settings.commitInterval())
                // without a bound the parallel consumer raises its load factor up to 100 × maxConcurrency records
                // read ahead (100,000 at the defaults), so a backlog moved from the broker onto the heap
                .messageBufferSize(settings.bufferedRecords())
                .retryDelayProvider(context -> RetryLater.delayOf(
                        context.getLastFailureReason().orElse(null), Duration.ofSeconds(1)))
                .build();
    }

    public SendConsumer start() {
        processor.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // the parallel consumer commits what is done; half-done work restarts from the ledger elsewhere
                pipeline.forget(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                if (!partitions.isEmpty()) {
                    ledgerCaughtUp = ledgerView.catchUp();
                    LOG.info("dispatching {} partition(s) of {} once the ledger view caught up", partitions.size(),
                            topic);
                }
            }
        });
        processor.poll(context -> {
            CompletableFuture<Void> ledger = ledgerCaughtUp;
            if (!ledger.isDone() || ledger.isCompletedExceptionally()) {
                throw new RetryLater("the ledger view is catching up", LEDGER_WAIT);
            }
            pipeline.handle(context.getSingleConsumerRecord());
        });
        return this;
    }

    public boolean failed() {
        return processor.isClosedOrFailed();
    }

    /**
     * The parallel consumer with two changes. Before it commits, the outcome writes of the records it is about to
     * commit are acknowledged (they were queued before those records' work returned); if one failed, nothing is
     * committed any more and the consumer stops. And its control thread looks for new work at most every
     * WORK_SCAN_GAP while at least `throttleFromInFlight` records are out (DISPATCHER_THROTTLE_FROM_IN_FLIGHT, 100 by
     * default): each look walks every conversation (key) it holds, so at thousands of completions per second
     * over thousands of conversations, looking after every completion kept that one thread busy while the workers
     * idled (measured: 1,000 keys, ~1,200 sends/s, 700 of 1,000 workers waiting for work). After a skipped look the
     * control thread sleeps no longer than the rest of the gap, so a quiet consumer does not wait for its next event.
     */
    private static final class GatedProcessor extends ParallelEoSStreamProcessor<String, byte[]> {

        private final PendingWrites pending;
        private final int throttleFromInFlight;
        private long lastScan = System.nanoTime() - WORK_SCAN_GAP.toNanos();
        private boolean scanSkipped;

        GatedProcessor(ParallelConsumerOptions<String, byte[]> options, PendingWrites pending,
                int throttleFromInFlight) {
            super(options);
            this.pending = pending;
            this.throttleFromInFlight = throttleFromInFlight;
        }

        /** Called on the control thread before it looks for work; 0 means it does not look this time. */
        @Override
        protected int calculateQuantityToRequest() {
            int quantity = super.calculateQuantityToRequest();
            if (quantity <= 0) {
                return quantity;
            }
            long now = System.nanoTime();
            // only under load, where completions keep waking the control thread anyway; a quiet consumer looks at once
            boolean busy = getWm().getNumberRecordsOutForProcessing() >= throttleFromInFlight;
            scanSkipped = busy && now - lastScan < WORK_SCAN_GAP.toNanos();
            if (scanSkipped) {
                return 0;
            }
            lastScan = now;
            return quantity;
        }

        /** After a skipped look, the control thread waits for its mailbox no longer than the rest of the gap. */
        @Override
        protected void processWorkCompleteMailBox(Duration timeToBlockFor) {
            Duration wait = timeToBlockFor;
            if (scanSkipped) {
                Duration left = Duration.ofNanos(Math.max(1_000_000L,
                        lastScan + WORK_SCAN_GAP.toNanos() - System.nanoTime()));
                wait = wait.compareTo(left) > 0 ? left : wait;
            }
            super.processWorkCompleteMailBox(wait);
        }

        /**
         * Commits only once every outcome write queued so far is acknowledged. A write Kafka refused is being sent
         * again (OutcomeWriter); until it is through, this commit is skipped and the next interval tries again, so
         * no offset passes an outcome Kafka does not have and the consumer keeps going. Only a write that failed
         * for good (the writer is closing) stops it.
         */
        @Override
        protected void commitOffsetsThatAreReady() throws TimeoutException, InterruptedException {
            try {
                pending.awaitWritten(WRITES_WAIT);
            } catch (TimeoutException e) {
                LOG.warn("{} outcome write(s) not acknowledged yet; not committing this time", pending.size());
                return;
            } catch (OutcomeWriter.OutcomeNotRecordedException e) {
                LOG.error("outcome writes failed for good; not committing, stopping the Send API consumer: {}",
                        e.toString());
                throw e;
            }
            super.commitOffsetsThatAreReady();
        }
    }

    @Override
    public void close() {
        processor.closeDontDrainFirst(Duration.ofSeconds(30)); // finish in-flight calls, commit, stop
    }
}
