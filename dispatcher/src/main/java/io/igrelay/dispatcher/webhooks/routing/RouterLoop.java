package io.igrelay.dispatcher.webhooks.routing;

import io.igrelay.dispatcher.failure.LoopLife;
import io.igrelay.dispatcher.failure.RecordGuard;
import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The router's consume-produce loop: reads ig.events and ig.message.status (co-partitioned by IGSID), writes the
 * webhook events to hub.webhook.queue keyed by their lane (the IGSID, or the media of a comment, so one conversation or
 * one media's comments stay on one queue partition, whose offsets become their `sequence`), and commits the inputs only
 * after the broker acknowledged every output. Outputs the broker did not take are sent again, in order, after a bounded
 * backoff for as long as it is away (the probe says WAITING); input records follow the FailurePolicy (malformed: dead
 * letter; registry away: held, never skipped). A restart re-routes from the last commit and the eventIds repeat.
 */
public final class RouterLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouterLoop.class);

    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final List<String> inputs;
    private final String queueTopic;
    private final EventRouter router;
    private final RecordGuard guard;
    private final LoopLife life;
    private final Thread thread;

    public RouterLoop(Consumer<String, byte[]> consumer, Producer<String, byte[]> producer,
            List<String> inputs, String queueTopic, EventRouter router, RecordGuard guard, LoopLife life) {
        this.consumer = consumer;
        this.producer = producer;
        this.inputs = inputs;
        this.queueTopic = queueTopic;
        this.router = router;
        this.guard = guard;
        this.life = life;
        this.thread = new Thread(this::run, "webhook-router");
    }

    public RouterLoop start() {
        thread.start();
        return this;
    }

    /** Whether the loop stopped on its own. */
    public boolean failed() {
        return life.probe().snapshot().state() == Probe.State.FAILED;
    }

    private void run() {
        try {
            consumer.subscribe(inputs);
            life.run(this::turn);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void turn() {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
        if (records.isEmpty()) {
            life.turnDone(LoopLife.lag(consumer), false);
            return;
        }
        List<ProducerRecord<String, byte[]>> outputs = new ArrayList<>();
        Optional<Duration> hold = guard.runAll(consumer, records, record -> {
            for (QueuedEvent event : router.route(record)) {
                outputs.add(new ProducerRecord<>(queueTopic, event.lane(), event.toBytes()));
            }
        });
        if (!publish(outputs)) {
            return; // stopping: nothing committed, the inputs are routed again after the restart
        }
        hold.ifPresent(life::pause);
        commit(); // the positions: after every routed input, at the first held one
        if (hold.isEmpty()) {
            life.turnDone(LoopLife.lag(consumer), true);
        }
    }

    /**
     * Writes the outputs and returns once the broker has them all; what it refused is sent again (per partition the
     * refused records are the last ones, so order holds). False when the loop is stopping first.
     */
    private boolean publish(List<ProducerRecord<String, byte[]>> outputs) {
        List<ProducerRecord<String, byte[]>> pending = outputs;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<Future<?>> sent = new ArrayList<>(pending.size());
            for (ProducerRecord<String, byte[]> record : pending) {
                sent.add(send(record));
            }
            producer.flush();
            List<ProducerRecord<String, byte[]>> refused = new ArrayList<>();
            String why = null;
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get();
                } catch (Exception e) {
                    refused.add(pending.get(i));
                    why = e.getCause() == null ? e.toString() : e.getCause().toString();
                }
            }
            if (refused.isEmpty()) {
                return true;
            }
            if (!life.running()) {
                return false;
            }
            LOG.warn("{} webhook queue write(s) refused (attempt {}), sending them again: {}", refused.size(),
                    attempt, why);
            life.probe().waiting("webhook queue write refused: " + why);
            life.pause(FailurePolicy.DEFAULT.backoff().delay(attempt, ThreadLocalRandom.current()));
            pending = refused;
        }
        return true;
    }

    private void commit() {
        try {
            consumer.commitSync();
        } catch (CommitFailedException | RebalanceInProgressException e) {
            LOG.warn("router commit refused ({}); the new owner routes those inputs again", e.toString());
        }
    }

    private Future<?> send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record);
        } catch (InterruptException e) {
            throw e;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() {
        life.stop();
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
