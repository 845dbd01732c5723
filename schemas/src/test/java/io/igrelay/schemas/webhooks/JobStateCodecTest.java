package io.igrelay.schemas.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.WebhookJob;
import io.igrelay.schemas.registry.InMemorySchemaRegistry;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.serde.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JobStateCodecTest {

    private static final String TOPIC = "hub.webhook.jobs";
    /** Records as the dispatcher's JobReports wrote them before Avro (Vert.x JsonObject). */
    private static final String OLD_REPLAY = "{\"jobId\":\"j1\",\"type\":\"REPLAY\",\"webhookId\":\"w1\","
            + "\"applicationId\":\"app\",\"from\":\"2026-11-01T00:00:00Z\",\"to\":\"2026-11-22T00:00:00Z\","
            + "\"status\":\"Failed\",\"requestedAt\":\"2026-11-23T00:00:00Z\",\"state\":\"done\",\"matched\":3,"
            + "\"queued\":3,\"error\":null,\"startedAt\":\"2026-11-23T00:00:00.125Z\","
            + "\"updatedAt\":\"2026-11-23T00:00:01.5Z\"}";
    private static final String OLD_RESUMED_RETRY = "{\"jobId\":\"j2\",\"type\":\"RETRY\",\"webhookId\":\"w1\","
            + "\"applicationId\":\"app\",\"from\":null,\"to\":null,\"status\":null,"
            + "\"requestedAt\":\"2026-11-23T00:00:00Z\",\"requested\":2,\"resumes\":1,"
            + "\"resumedAt\":\"2026-11-23T00:05:00Z\",\"deliveredBeforeResume\":1,\"state\":\"running\","
            + "\"matched\":2,\"queued\":1,\"error\":null,\"startedAt\":\"2026-11-23T00:00:00Z\","
            + "\"updatedAt\":\"2026-11-23T00:05:00Z\"}";

    private final JobStateCodec codec = new JobStateCodec(new AvroSerdes(new InMemorySchemaRegistry()));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadBackWhatItWritesInTheWireFormat() {
        WebhookJob job = codec.decode(TOPIC, utf8(OLD_RESUMED_RETRY));
        byte[] bytes = codec.encode(TOPIC, job);
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(codec.decode(TOPIC, bytes)).isEqualTo(job);
    }

    @Test
    void shouldReadRecordsOfTheJsonFormatBeforeAvro() {
        WebhookJob replay = codec.decode(TOPIC, utf8(OLD_REPLAY));
        assertThat(replay.getState()).isEqualTo("done");
        assertThat(replay.getMatched()).isEqualTo(3);
        assertThat(replay.getFrom()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(replay.getRequested()).isNull();
        WebhookJob retry = codec.decode(TOPIC, utf8(OLD_RESUMED_RETRY));
        assertThat(retry.getRequested()).isEqualTo(2);
        assertThat(retry.getResumes()).isEqualTo(1);
        assertThat(retry.getDeliveredBeforeResume()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheJsonFormOfTheRecordsBeforeByteForByte() {
        for (String old : new String[] {OLD_REPLAY, OLD_RESUMED_RETRY}) {
            WebhookJob job = JobStateCodec.fromJson(utf8(old));
            assertThat(new String(JobStateCodec.json(job), StandardCharsets.UTF_8)).isEqualTo(old);
        }
    }

    @Test
    void shouldTakeARecordWithoutStateAsRunningAsTheReadersBeforeDid() {
        assertThat(codec.decode(TOPIC, utf8("{\"jobId\":\"j3\",\"webhookId\":\"w1\"}")).getState())
                .isEqualTo("running");
    }

    @Test
    void shouldRefuseGarbageWithAClearError() {
        assertThatThrownBy(() -> codec.decode(TOPIC, utf8("[1,2]")))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("neither Avro");
        assertThatThrownBy(() -> codec.decode(TOPIC, utf8("{\"state\":\"done\"}")))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("lacks its jobId");
        assertThatThrownBy(() -> codec.decode(TOPIC, new byte[] {0, 0, 0}))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("shorter than the 5-byte header");
    }
}
