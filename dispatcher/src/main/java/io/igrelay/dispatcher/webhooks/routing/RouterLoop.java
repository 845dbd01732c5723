package io.igrelay.dispatcher.webhooks.routing;

import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The router's consume-produce loop: reads ig.events and ig.message.status (co-partitioned by IGSID), writes the
 * webhook events to hub.webhook.queue keyed by IGSID (so one conversation stays on one queue partition, whose
 * offsets become its `sequence`), and commits the inputs only after the broker acknowledged every output. A failed
 * write stops the loop (readiness shows it); a restart re-routes from the last commit and the eventIds repeat.
 */
public final class RouterLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouterLoop.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final List<String> inputs;
    private final String queueTopic;
    private final EventRouter router;
    private final Thread thread;
    private final AtomicReference<Exception> sendError = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile boolean failed;

    public RouterLoop(KafkaConsumer<String, byte[]> consumer, Producer<String, byte[]> producer,
            List<String> inputs, String queueTopic, EventRouter router) {
        this.consumer = consumer;
        this.producer = producer;
        this.inputs = inputs;
        this.queueTopic = queueTopic;
        this.router = router;
        this.thread = new Thread(this::run, "webhook-router");
    }

    public RouterLoop start() {
        thread.start();
        return this;
    }

    public boolean failed() {
        return failed;
    }

    private void run() {
        try {
            consumer.subscribe(inputs);
            while (running) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    for (QueuedEvent event : router.route(record)) {
                        producer.send(new ProducerRecord<>(queueTopic, event.igsid(), event.toBytes()),
                                (meta, error) -> {
                                    if (error != null) {
                                        sendError.compareAndSet(null, error);
                                    }
                                });
                    }
                }
                producer.flush();
                if (sendError.get() != null) {
                    throw new IllegalStateException("queue write failed: " + sendError.get());
                }
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failed = true;
            LOG.error("webhook router stopped: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
