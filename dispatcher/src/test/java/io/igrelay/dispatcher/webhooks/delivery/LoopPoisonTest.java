package io.igrelay.dispatcher.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.DeadLetter;
import io.igrelay.avro.WebhookJob;
import io.igrelay.dispatcher.failure.LoopLife;
import io.igrelay.dispatcher.failure.RecordGuard;
import io.igrelay.dispatcher.failure.ReplayingConsumer;
import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import io.igrelay.dispatcher.webhooks.state.ReplayPositions;
import io.igrelay.dispatcher.webhooks.state.TempStore;
import io.igrelay.schemas.failure.Backoff;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.ops.Probe;
import io.igrelay.schemas.registry.InMemorySchemaRegistry;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.store.AttemptLog;
import io.igrelay.schemas.store.JobTable;
import io.igrelay.schemas.webhooks.CommandCodec;
import io.igrelay.schemas.webhooks.JobStateCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/* A poison record on the webhook queue or on the command topic is dead-lettered with its bytes and place, its offset
 * is committed, and the loop goes on with the next record. */
class LoopPoisonTest {

    private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();
    private final HealthMonitor health = HealthMonitor.standard(Clock.systemUTC());
    private final FailurePolicy policy = new FailurePolicy(
            new Backoff(Duration.ofMillis(5), Duration.ofMillis(20), Integer.MAX_VALUE), 3);
    private final Vertx vertx = Vertx.vertx();
    private final TempStore store = new TempStore();
    private AutoCloseable loop;

    @AfterEach
    void stop() throws Exception {
        if (loop != null) {
            loop.close();
        }
        vertx.close().await();
        store.close();
    }

    private RecordGuard guard(Probe probe) {
        return new RecordGuard(policy, letters::add, probe, Clock.systemUTC());
    }

    @Test
    void shouldDeadLetterAPoisonQueueRecordAndCommitPastIt() {
        ReplayingConsumer consumer = new ReplayingConsumer("hub.webhook.queue");
        consumer.append("{not json");
        consumer.append(new String(new QueuedEvent("e1", "Message", "app", "ch", "u1", "m1", null, Instant.now(),
                "{}").toBytes(), StandardCharsets.UTF_8));
        DeliveryEngine engine = new DeliveryEngine(new TargetDirectory() {
            @Override
            public Optional<WebhookTarget> get(String webhookId) {
                return Optional.empty();
            }

            @Override
            public List<WebhookTarget> matching(QueuedEvent event) {
                return List.of(); // nobody wants it: done at once
            }
        }, (target, body) -> Future.failedFuture("unused"), (when, task) -> { }, null, null, null,
                new DeliveredSet(10), Clock.systemUTC(), new DeliveryEngine.Limits(1, 10, 1024));
        Probe probe = health.register("webhook-delivery");
        loop = new DeliveryLoop(consumer, "hub.webhook.queue", engine, vertx.getOrCreateContext(), 100,
                guard(probe), new LoopLife("delivery", probe, policy)).start();
        consumer.assignOnFirstPoll();

        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.committedOffset() == 2);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.getTopic()).isEqualTo("hub.webhook.queue");
            assertThat(letter.getOffset()).isZero();
            assertThat(new String(letter.getOriginalValue().array(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        });
    }

    @Test
    void shouldDeadLetterAPoisonCommandAndCommitPastIt() {
        ReplayingConsumer consumer = new ReplayingConsumer("hub.webhook.commands");
        consumer.append("[\"not an object\"]");
        consumer.append(new JsonObject().put("type", "RETRY").put("jobId", "j1").put("webhookId", "w1")
                .put("applicationId", "app").put("logIds", new JsonArray().add("unknown")).encode());
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        Clock clock = Clock.systemUTC();
        JobLedger ledger = new JobLedger(new JobTable(store.store(), Duration.ofDays(7), clock));
        JobStarter jobs = new JobStarter(new AttemptLog(store.store(), Duration.ofDays(30), clock),
                new ReplayPositions(store.store()), (webhookId, targets, jobId, progress) -> { },
                new JobReports(producer, "hub.webhook.jobs",
                        new JobStateCodec(new AvroSerdes(new InMemorySchemaRegistry())), clock, ledger), ledger);
        Probe probe = health.register("webhook-commands");
        loop = new CommandLoop(consumer, "hub.webhook.commands",
                new CommandCodec(new AvroSerdes(new InMemorySchemaRegistry())), jobs,
                () -> CompletableFuture.completedFuture(null), guard(probe),
                new LoopLife("commands", probe, policy)).start();
        consumer.assignOnFirstPoll();

        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.committedOffset() == 2);
        assertThat(letters).singleElement().satisfies(letter -> assertThat(letter.getOffset()).isZero());
        assertThat(ledger.latest("j1")).map(WebhookJob::getState).hasValue("done");
    }
}
