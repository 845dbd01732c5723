package io.igrelay.dispatcher.send;

import io.confluent.parallelconsumer.ParallelConsumerOptions;
import io.confluent.parallelconsumer.ParallelConsumerOptions.CommitMode;
import io.confluent.parallelconsumer.ParallelConsumerOptions.ProcessingOrder;
import io.confluent.parallelconsumer.ParallelStreamProcessor;
import io.igrelay.dispatcher.state.CompactedTopicView;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Consumes ig.outbound.dispatch with Confluent's parallel consumer in KEY order (SPEC 6.3): one conversation
 * (<account>|<IGSID>) at a time, thousands of conversations at once, offsets committed every commitInterval and only
 * for records whose outcome is on Kafka. When partitions arrive, it waits until the ledger view has caught up, so a
 * command another instance already sent is skipped.
 */
public final class SendConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SendConsumer.class);
    private static final Duration LEDGER_CATCH_UP = Duration.ofSeconds(60);

    private final ParallelStreamProcessor<String, byte[]> processor;
    private final String topic;
    private final SendPipeline pipeline;
    private final CompactedTopicView<?> ledgerView;

    public SendConsumer(Consumer<String, byte[]> consumer, String topic, SendSettings settings, SendPipeline pipeline,
            CompactedTopicView<?> ledgerView) {
        this.topic = topic;
        this.pipeline = pipeline;
        this.ledgerView = ledgerView;
        ParallelConsumerOptions<String, byte[]> options = ParallelConsumerOptions.<String, byte[]>builder()
                .consumer(consumer)
                .ordering(ProcessingOrder.KEY)
                .maxConcurrency(settings.maxConcurrency())
                .commitMode(CommitMode.PERIODIC_CONSUMER_SYNC)
                .commitInterval(settings.commitInterval())
                .retryDelayProvider(context -> RetryLater.delayOf(
                        context.getLastFailureReason().orElse(null), Duration.ofSeconds(1)))
                .build();
        this.processor = ParallelStreamProcessor.createEosStreamProcessor(options);
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
                    ledgerView.awaitCaughtUp(LEDGER_CATCH_UP);
                    LOG.info("dispatching {} partition(s) of {}; ledger holds {} conversation(s)", partitions.size(),
                            topic, ledgerView.size());
                }
            }
        });
        processor.poll(context -> pipeline.handle(context.getSingleConsumerRecord()));
        return this;
    }

    public boolean failed() {
        return processor.isClosedOrFailed();
    }

    @Override
    public void close() {
        processor.closeDontDrainFirst(Duration.ofSeconds(30)); // finish in-flight calls, commit, stop
    }
}
