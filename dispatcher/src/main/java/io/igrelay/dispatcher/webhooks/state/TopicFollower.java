package io.igrelay.dispatcher.webhooks.state;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Reads a whole topic from the beginning and keeps following it on one thread, handing every record to a callback
 * (the webhook registrations of hub.webhooks, the attempt log of hub.webhook.log). Start-up waits until what was
 * on the topic at start has been handed over, so delivery never starts on a half-read picture.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    public TopicFollower(String topic, KafkaConsumer<String, byte[]> consumer,
            Consumer<ConsumerRecord<String, byte[]>> handler) {
        this.topic = topic;
        this.consumer = consumer;
        this.handler = handler;
        this.thread = new Thread(this::run, "follow-" + topic);
        this.thread.setDaemon(true);
    }

    public TopicFollower start() {
        thread.start();
        return this;
    }

    public void awaitCaughtUp(Duration timeout) {
        try {
            if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(topic + " was not read within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        handler.accept(record);
                    } catch (RuntimeException e) {
                        LOG.warn("skipping record {}-{}@{}: {}", record.topic(), record.partition(),
                                record.offset(), e.toString());
                    }
                }
                if (caughtUp.getCount() > 0
                        && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("following {} stopped: {}", topic, e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
