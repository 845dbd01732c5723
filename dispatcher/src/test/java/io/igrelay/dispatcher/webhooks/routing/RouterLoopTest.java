package io.igrelay.dispatcher.webhooks.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.DeadLetter;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.MessageStatus;
import io.igrelay.dispatcher.failure.LoopLife;
import io.igrelay.dispatcher.failure.RecordGuard;
import io.igrelay.dispatcher.failure.ReplayingConsumer;
import io.igrelay.schemas.failure.Backoff;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.ops.Probe;
import io.igrelay.schemas.registry.SchemaRegistryException;
import io.igrelay.schemas.serde.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/* The webhook router's input under the FailurePolicy: a poison status is dead-lettered and the loop goes on; while
 * the registry is away a status is held (nothing committed past it, nothing dead-lettered) and routed once it is
 * back. */
class RouterLoopTest {

    private static final String STATUS = "ig.message.status";

    private final ReplayingConsumer consumer = new ReplayingConsumer(STATUS);
    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();
    private final AtomicBoolean registryDown = new AtomicBoolean();
    private final HealthMonitor health = HealthMonitor.standard(Clock.systemUTC());
    private final Probe probe = health.register("webhook-router");
    private RouterLoop loop;

    /** "poison" is malformed; anything else is a status of message id = the text (while the registry answers). */
    private MessageStatus decode(String topic, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.equals("poison")) {
            throw new MalformedRecordException("not the wire format", topic, -1);
        }
        if (registryDown.get()) {
            throw new SerializationException("schema lookup failed",
                    new SchemaRegistryException("registry unreachable", 0, 0));
        }
        return MessageStatus.newBuilder().setMessageId(text).setApplicationId("app").setChannelId("c")
                .setTo("u1").setStatus(DeliveryState.ENQUEUED).setAt(Instant.parse("2026-03-01T10:00:00Z")).build();
    }

    private void start() {
        EventRouter router = new EventRouter("ig.events", (t, b) -> null, this::decode,
                event -> Optional.empty(), new StatusGate(100));
        FailurePolicy policy = new FailurePolicy(new Backoff(Duration.ofMillis(5), Duration.ofMillis(20),
                Integer.MAX_VALUE), 3);
        loop = new RouterLoop(consumer, producer, List.of(STATUS), "hub.webhook.queue", router,
                new RecordGuard(policy, letters::add, probe, Clock.systemUTC()),
                new LoopLife("webhook router", probe, policy)).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.subscription().contains(STATUS));
        consumer.assignOnFirstPoll();
    }

    private void input(String... values) {
        for (String value : values) {
            consumer.append(value);
        }
    }

    private long committed() {
        return consumer.committedOffset();
    }

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.close();
        }
    }

    @Test
    void shouldDeadLetterAPoisonRecordAndRouteWhatFollows() {
        input("poison", "m1");
        start();

        await().atMost(Duration.ofSeconds(5)).until(() -> committed() == 2);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.getTopic()).isEqualTo(STATUS);
            assertThat(letter.getOffset()).isZero();
            assertThat(new String(letter.getOriginalValue().array(), StandardCharsets.UTF_8)).isEqualTo("poison");
        });
        assertThat(producer.history()).singleElement()
                .satisfies(r -> assertThat(r.topic()).isEqualTo("hub.webhook.queue"));
    }

    @Test
    void shouldHoldAStatusWhileTheRegistryIsDownAndRouteItWhenItReturns() throws Exception {
        registryDown.set(true);
        input("m1", "m2");
        start();

        await().atMost(Duration.ofSeconds(5)).until(() -> probe.snapshot().state() == Probe.State.WAITING);
        Thread.sleep(200);
        assertThat(committed()).isZero();
        assertThat(producer.history()).isEmpty();
        assertThat(letters).isEmpty();
        assertThat(health.report().ready()).isFalse();

        registryDown.set(false);

        await().atMost(Duration.ofSeconds(5)).until(() -> committed() == 2);
        assertThat(producer.history()).hasSize(2);
        assertThat(letters).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> health.report().ready());
    }
}
