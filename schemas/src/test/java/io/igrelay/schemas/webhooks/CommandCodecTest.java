package io.igrelay.schemas.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.WebhookCommand;
import io.igrelay.schemas.registry.InMemorySchemaRegistry;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.serde.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandCodecTest {

    private static final String TOPIC = "hub.webhook.commands";
    /** Commands as the ingress's WebhookLogRoutes wrote them before Avro (Vert.x JsonObject). */
    private static final String OLD_RETRY = "{\"type\":\"RETRY\",\"jobId\":\"9b2e\",\"webhookId\":\"w1\","
            + "\"applicationId\":\"app\",\"requestedAt\":\"2026-11-23T10:00:00.123456789Z\","
            + "\"logIds\":[\"l1\",\"l2\"]}";
    private static final String OLD_REPLAY = "{\"type\":\"REPLAY\",\"jobId\":\"4c1d\",\"webhookId\":\"w1\","
            + "\"applicationId\":\"app\",\"requestedAt\":\"2026-11-23T10:00:00Z\",\"from\":\"1970-01-01T00:00:00Z\","
            + "\"to\":\"2026-11-23T10:00:00Z\",\"status\":null}";

    private final CommandCodec codec = new CommandCodec(new AvroSerdes(new InMemorySchemaRegistry()));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadBackWhatItWritesInTheWireFormat() {
        WebhookCommand retry = WebhookCommand.newBuilder().setType("RETRY").setJobId("j1").setWebhookId("w1")
                .setApplicationId("app").setRequestedAt("2026-11-23T10:00:00Z").setLogIds(List.of("a", "b")).build();
        byte[] bytes = codec.encode(TOPIC, retry);
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(codec.decode(TOPIC, bytes)).isEqualTo(retry);
    }

    @Test
    void shouldReadCommandsOfTheJsonFormatBeforeAvro() {
        WebhookCommand retry = codec.decode(TOPIC, utf8(OLD_RETRY));
        assertThat(retry.getType()).isEqualTo("RETRY");
        assertThat(retry.getLogIds()).containsExactly("l1", "l2");
        assertThat(retry.getRequestedAt()).isEqualTo("2026-11-23T10:00:00.123456789Z");
        assertThat(retry.getFrom()).isNull();
        WebhookCommand replay = codec.decode(TOPIC, utf8(OLD_REPLAY));
        assertThat(replay.getLogIds()).isNull();
        assertThat(replay.getFrom()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(replay.getStatus()).isNull();
        assertThat(codec.decode(TOPIC, codec.encode(TOPIC, replay))).isEqualTo(replay);
    }

    @Test
    void shouldRefuseGarbageWithAClearError() {
        assertThatThrownBy(() -> codec.decode(TOPIC, utf8("[\"not\",\"an object\"]")))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("neither Avro");
        assertThatThrownBy(() -> codec.decode(TOPIC, utf8("{\"type\":")))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> codec.decode(TOPIC, new byte[] {0, 0, 0, 0, 7, 2}))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("Unknown schema id 7");
    }
}
