package io.igrelay.schemas.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.WebhookAttempt;
import io.igrelay.schemas.registry.InMemorySchemaRegistry;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.serde.MalformedRecordException;
import io.igrelay.schemas.store.AttemptLog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttemptLogCodecTest {

    private static final String TOPIC = "hub.webhook.log";
    /** A line as the dispatcher wrote it before Avro (AttemptRecord.toBytes, Vert.x JsonObject). */
    private static final String OLD_LINE = "{\"id\":\"3f1c2a9e-5b7d-4c1e-9a2b-0d6e8f4a1c3b\",\"webhookId\":\"wh-1\","
            + "\"applicationId\":\"app-1\",\"eventId\":\"evt-9\",\"eventType\":\"Message\",\"messageId\":\"m-9\","
            + "\"igsid\":\"u-1\",\"attempt\":2,\"statusCode\":503,\"durationMs\":41,\"errorClass\":\"HTTP_5XX\","
            + "\"responseBody\":\"busy\",\"status\":\"Failed\",\"sendAt\":\"2026-12-07T20:34:40.587666454Z\","
            + "\"nextAttemptAt\":\"2026-12-07T20:35:10.587666454Z\",\"queuePartition\":3,\"queueOffset\":1234,"
            + "\"truncation\":null,\"jobId\":\"job-7\"}";

    private final AttemptLogCodec codec = new AttemptLogCodec(new AvroSerdes(new InMemorySchemaRegistry()));

    private static WebhookAttempt sample() {
        return WebhookAttempt.newBuilder().setId("log-1").setWebhookId("wh-1").setApplicationId("app-1")
                .setEventId("evt-1").setEventType("Message").setMessageId("m-1").setIgsid("u-1").setAttempt(1)
                .setStatusCode(200).setDurationMs(12).setErrorClass(null).setResponseBody("ok").setSuccess(true)
                .setSendAt(Instant.parse("2026-12-07T20:34:40.907969836Z")).setNextAttemptAt(null)
                .setQueuePartition(0).setQueueOffset(42).setTruncation(null).setJobId(null).build();
    }

    @Test
    void shouldReadBackWhatItWritesInTheWireFormat() {
        byte[] bytes = codec.encode(TOPIC, sample());
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(codec.decode(TOPIC, bytes)).isEqualTo(sample());
    }

    @Test
    void shouldReadALineOfTheJsonFormatBeforeAvro() {
        WebhookAttempt old = codec.decode(TOPIC, OLD_LINE.getBytes(StandardCharsets.UTF_8));
        assertThat(old.getSuccess()).isFalse();
        assertThat(old.getSendAt()).isEqualTo(Instant.parse("2026-12-07T20:34:40.587666454Z"));
        assertThat(old.getQueuePartition()).isEqualTo(3);
        assertThat(old.getQueueOffset()).isEqualTo(1234L);
        assertThat(old.getJobId()).isEqualTo("job-7");
        assertThat(old.getErrorClass()).isEqualTo("HTTP_5XX");
    }

    @Test
    void shouldShowAnOldLineExactlyAsItWasWritten() {
        WebhookAttempt old = codec.decode(TOPIC, OLD_LINE.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(AttemptLogCodec.json(old), StandardCharsets.UTF_8)).isEqualTo(OLD_LINE);
    }

    @Test
    void shouldIndexAnAvroAttemptWithTheJsonTheLogShows() {
        AttemptLog.Attempt indexed = codec.index(TOPIC, codec.encode(TOPIC, sample()));
        assertThat(indexed.id()).isEqualTo("log-1");
        assertThat(indexed.success()).isTrue();
        assertThat(indexed.queueOffset()).isEqualTo(42L);
        assertThat(indexed.jobId()).isEqualTo(Optional.empty());
        assertThat(new String(indexed.json(), StandardCharsets.UTF_8))
                .contains("\"status\":\"Success\"", "\"sendAt\":\"2026-12-07T20:34:40.907969836Z\"",
                        "\"nextAttemptAt\":null");
    }

    @Test
    void shouldIndexThePositionsWithoutRenderingTheLine() {
        AttemptLog.Attempt indexed = codec.positions(TOPIC, OLD_LINE.getBytes(StandardCharsets.UTF_8));
        assertThat(indexed.queuePartition()).isEqualTo(3);
        assertThat(indexed.jobId()).contains("job-7");
        assertThat(indexed.json()).isEmpty();
    }

    @Test
    void shouldRefuseGarbageWithAClearError() {
        assertThatThrownBy(() -> codec.decode(TOPIC, "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("neither Avro");
        assertThatThrownBy(() -> codec.decode(TOPIC, "{\"id\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> codec.decode(TOPIC, new byte[] {0, 0, 0, 0, 99, 1}))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("Unknown schema id 99");
    }

    @Test
    void shouldRefuseAnOldLineWithoutItsSendTime() {
        assertThatThrownBy(() -> codec.decode(TOPIC, "{\"id\":\"a\",\"webhookId\":\"w\"}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("lacks id, webhookId or sendAt");
    }

    @Test
    void shouldKeepATombstoneNull() {
        assertThat(codec.decode(TOPIC, null)).isNull();
        assertThat(codec.index(TOPIC, null)).isNull();
    }
}
