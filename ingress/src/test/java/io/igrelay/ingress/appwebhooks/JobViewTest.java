package io.igrelay.ingress.appwebhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.schemas.registry.InMemorySchemaRegistry;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.store.JobTable;
import io.igrelay.schemas.store.LocalStore;
import io.igrelay.schemas.webhooks.CommandCodec;
import io.igrelay.schemas.webhooks.JobStateCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/* Job states as the API shows them, folded in the local store from the two topics read apart. */
class JobViewTest {

    private static final TopicPartition COMMANDS = new TopicPartition("hub.webhook.commands", 0);
    private static final TopicPartition JOBS = new TopicPartition("hub.webhook.jobs", 0);

    @TempDir
    Path dir;

    private final AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistry());
    private final JobStateCodec codec = new JobStateCodec(serdes);
    private final CommandCodec commands = new CommandCodec(serdes);
    private LocalStore store;
    private JobView view;
    private long offset;

    @BeforeEach
    void open() {
        store = LocalStore.open(dir);
        view = new JobView(new JobTable(store, Duration.ofDays(7), Clock.systemUTC()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A record of hub.webhook.commands, in the JSON the ingress wrote before Avro. */
    private void command(byte[] bytes) {
        view.applyCommand(commands.decode(COMMANDS.topic(), bytes), COMMANDS, offset++);
    }

    /** A record of hub.webhook.jobs, in the JSON of the versions before or in Avro. */
    private void progress(byte[] bytes) {
        view.applyProgress(codec.decode(JOBS.topic(), bytes), JOBS, offset++);
    }

    /** The same record as the dispatcher writes it now. */
    private byte[] avro(byte[] json) {
        return codec.encode(JOBS.topic(), codec.decode(JOBS.topic(), json));
    }

    private static byte[] replayCommand(String jobId) {
        return new JsonObject().put("type", "REPLAY").put("jobId", jobId).put("webhookId", "w1")
                .put("applicationId", "app").put("from", "2026-11-01T00:00:00Z").put("to", "2026-11-02T00:00:00Z")
                .put("status", "Failed").put("requestedAt", "2026-11-23T10:00:00Z").toBuffer().getBytes();
    }

    private static byte[] progress(String jobId, String state, int matched, int queued) {
        return new JsonObject().put("type", "REPLAY").put("jobId", jobId).put("webhookId", "w1")
                .put("applicationId", "app").put("from", "2026-11-01T00:00:00Z").put("to", "2026-11-02T00:00:00Z")
                .put("status", "Failed").put("state", state).put("matched", matched).put("queued", queued)
                .put("startedAt", "2026-11-23T10:00:01Z").put("updatedAt", "2026-11-23T10:00:02Z")
                .toBuffer().getBytes();
    }

    @Test
    void shouldShowAJobAsPendingWithItsFilterOnceTheCommandIsWritten() {
        command(replayCommand("j1"));
        JsonObject json = view.get("w1", "j1").orElseThrow().toJson();
        assertThat(json.getString("state")).isEqualTo("pending");
        assertThat(json.getString("type")).isEqualTo("replay");
        assertThat(json.getValue("matched")).isNull();
        assertThat(json.getInteger("queued")).isZero();
        assertThat(json.getJsonObject("filter")).isEqualTo(new JsonObject().put("from", "2026-11-01T00:00:00Z")
                .put("to", "2026-11-02T00:00:00Z").put("status", "Failed"));
        assertThat(json.getString("requestedAt")).isEqualTo("2026-11-23T10:00:00Z");
    }

    @Test
    void shouldFollowTheDispatchersProgressAndKeepWhenItWasRequested() {
        command(replayCommand("j2"));
        progress(progress("j2", "running", 10, 4));
        progress(progress("j2", "done", 10, 10));
        JsonObject json = view.get("w1", "j2").orElseThrow().toJson();
        assertThat(json.getString("state")).isEqualTo("done");
        assertThat(json.getInteger("matched")).isEqualTo(10);
        assertThat(json.getInteger("queued")).isEqualTo(10);
        assertThat(json.getString("requestedAt")).isEqualTo("2026-11-23T10:00:00Z");
    }

    @Test
    void shouldShowAnAvroProgressRecordAsItShowedTheJsonOne() {
        command(replayCommand("j8"));
        progress(progress("j8", "running", 10, 4));
        command(replayCommand("j9"));
        progress(avro(progress("j9", "running", 10, 4)));
        JsonObject fromJson = view.get("w1", "j8").orElseThrow().toJson();
        JsonObject fromAvro = view.get("w1", "j9").orElseThrow().toJson();
        assertThat(fromAvro.getInteger("queued")).isEqualTo(4);
        assertThat(fromAvro.put("jobId", "j8")).isEqualTo(fromJson);
    }

    @Test
    void shouldNeverGoBackWhenTheTopicsAreReadOutOfStep() {
        progress(progress("j3", "running", 10, 7));
        command(replayCommand("j3")); // the commands topic was read later
        progress(progress("j3", "running", 10, 3)); // an older progress record
        JobRecord job = view.get("w1", "j3").orElseThrow();
        assertThat(job.state()).isEqualTo("running");
        assertThat(job.queued()).isEqualTo(7);
        progress(progress("j3", "failed", 10, 7));
        progress(progress("j3", "running", 10, 9));
        assertThat(view.get("w1", "j3").orElseThrow().state()).isEqualTo("failed");
    }

    @Test
    void shouldShowTheRunThatResumedAJobAfterADispatcherRestart() {
        command(replayCommand("j6"));
        progress(progress("j6", "running", 10, 6));
        JsonObject resumed = new JsonObject(Buffer.buffer(progress("j6", "running", 10, 4)))
                .put("resumes", 1).put("resumedAt", "2026-11-23T10:05:00Z").put("deliveredBeforeResume", 4);
        progress(resumed.toBuffer().getBytes());
        JsonObject json = view.get("w1", "j6").orElseThrow().toJson();
        assertThat(json.getInteger("queued")).isEqualTo(4);
        assertThat(json.getInteger("resumes")).isEqualTo(1);
        assertThat(json.getString("resumedAt")).isEqualTo("2026-11-23T10:05:00Z");
        assertThat(json.getInteger("deliveredBeforeResume")).isEqualTo(4);
        command(replayCommand("j7"));
        assertThat(view.get("w1", "j7").orElseThrow().toJson().containsKey("resumes")).isFalse();
    }

    @Test
    void shouldHideAJobFromAnotherWebhook() {
        command(replayCommand("j4"));
        assertThat(view.get("w2", "j4")).isEmpty();
        assertThat(view.get("w1", "nope")).isEmpty();
    }

    @Test
    void shouldCountTheLogIdsOfARetry() {
        command(new JsonObject().put("type", "RETRY").put("jobId", "j5").put("webhookId", "w1")
                .put("logIds", new JsonArray().add("a").add("b")).toBuffer().getBytes());
        JsonObject json = view.get("w1", "j5").orElseThrow().toJson();
        assertThat(json.getString("type")).isEqualTo("retry");
        assertThat(json.getInteger("requested")).isEqualTo(2);
        assertThat(json.containsKey("filter")).isFalse();
    }
}
