package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.dispatcher.webhooks.state.AttemptIndex;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Carries out the ingress's manual retries and replays (hub.webhook.commands, JSON, key = webhook id): RETRY names
 * log ids, REPLAY a time range and optional status of logged attempts. Both are turned into queue positions by
 * the AttemptIndex and re-sent by the QueueReplayer, so eventIds are kept; each job's progress goes to JobReports.
 * Commands of another Application's webhook are ignored.
 */
public final class CommandLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandLoop.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final AttemptIndex index;
    private final QueueReplayer replayer;
    private final JobReports jobs;
    private final Thread thread;
    private volatile boolean running = true;

    public CommandLoop(KafkaConsumer<String, byte[]> consumer, String topic, AttemptIndex index,
            QueueReplayer replayer, JobReports jobs) {
        this.consumer = consumer;
        this.jobs = jobs;
        this.topic = topic;
        this.index = index;
        this.replayer = replayer;
        this.thread = new Thread(this::run, "webhook-commands");
    }

    public CommandLoop start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        handle(new JsonObject(io.vertx.core.buffer.Buffer.buffer(record.value())));
                    } catch (RuntimeException e) {
                        LOG.warn("skipping webhook command {}-{}@{}: {}", record.topic(), record.partition(),
                                record.offset(), e.toString());
                    }
                }
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    void handle(JsonObject command) {
        String webhookId = command.getString("webhookId");
        String applicationId = command.getString("applicationId");
        List<AttemptIndex.Position> positions;
        if ("RETRY".equals(command.getString("type"))) {
            JsonArray ids = command.getJsonArray("logIds", new JsonArray());
            positions = ids.stream().map(String::valueOf).map(index::get).flatMap(Optional::stream)
                    .filter(p -> p.webhookId().equals(webhookId)).toList();
        } else {
            Instant from = Instant.parse(command.getString("from", Instant.EPOCH.toString()));
            Instant to = Instant.parse(command.getString("to", Instant.now().toString()));
            Optional<Boolean> success = Optional.ofNullable(command.getString("status")).map("Success"::equals);
            positions = index.select(webhookId, from, to, success);
        }
        Map<Integer, TreeSet<Long>> wanted = new HashMap<>();
        for (AttemptIndex.Position p : positions) {
            if (applicationId == null || applicationId.equals(p.applicationId())) {
                wanted.computeIfAbsent(p.partition(), k -> new TreeSet<>()).add(p.offset());
            }
        }
        JobProgress progress = jobs.track(command);
        if (wanted.isEmpty()) {
            progress.started(0);
            progress.finished(Optional.empty());
        } else {
            replayer.positions(webhookId, wanted, false, progress);
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
