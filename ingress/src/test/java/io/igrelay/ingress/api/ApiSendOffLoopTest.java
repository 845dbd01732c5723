package io.igrelay.ingress.api;

import static io.igrelay.ingress.api.ApiTestBed.CHANNEL;
import static io.igrelay.ingress.api.ApiTestBed.IGSID;
import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.ingress.config.ApiSettings;
import io.igrelay.ingress.ops.EventLoopGuard;
import io.igrelay.schemas.topics.Topics;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * POST /v1/communication/instagram/message through the real router and handlers and the real
 * {@link KafkaRecordPublisher}, over a producer whose serializer passes a strict {@link EventLoopGuard} (as the
 * registry lookup of the real serializer does): a send made on the event loop would fail the request.
 */
class ApiSendOffLoopTest {

    private final EventLoopGuard guard = new EventLoopGuard(() -> true);
    private final List<String> serializedOn = new CopyOnWriteArrayList<>();
    private final Serializer<Object> guarded = (topic, value) -> {
        guard.check("serializer of " + topic);
        serializedOn.add(Thread.currentThread().getName());
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    };
    private final MockProducer<String, Object> broker = new MockProducer<>(true, null, new StringSerializer(),
            guarded);
    private final ApiTestBed bed = new ApiTestBed(new ApiSettings(1000, Duration.ofHours(24), Duration.ofSeconds(1),
            64 * 1024), vertx -> new KafkaRecordPublisher(vertx, broker, "", guard), v -> ApiTestBed::notServedHere);

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void shouldAnswer202WithEverySendMadeOffTheEventLoop() {
        bed.processor.window(IGSID, CHANNEL, "OPEN");

        HttpResponse<String> response = bed.post("{\"from\":\"@acme.store\",\"to\":\"" + IGSID
                + "\",\"content\":{\"text\":\"sent from a worker\"}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(broker.history()).extracting(ProducerRecord::topic)
                .contains(Topics.OUTBOUND_REQUESTS.name(""));
        assertThat(guard.violations()).isZero();
        assertThat(serializedOn).isNotEmpty().allSatisfy(thread -> assertThat(thread).isEqualTo("igrelay-send-api"));
    }

    @Test
    void shouldFailASendMadeOnTheEventLoopWithThisGuard() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        bed.vertx.runOnContext(v -> {
            try {
                broker.send(new ProducerRecord<>(Topics.OUTBOUND_REQUESTS.name(""), IGSID, "on the loop"));
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
        });

        assertThat(thrown.get(5, TimeUnit.SECONDS)).isInstanceOf(EventLoopGuard.BlockingOnEventLoop.class);
        assertThat(guard.violations()).isEqualTo(1);
    }
}
