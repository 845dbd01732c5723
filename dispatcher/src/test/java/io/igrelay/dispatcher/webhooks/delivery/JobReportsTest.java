package io.igrelay.dispatcher.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.WebhookCommand;
import io.igrelay.dispatcher.webhooks.state.ReplayPositions;
import io.igrelay.dispatcher.webhooks.state.TempStore;
import io.igrelay.schemas.registry.InMemorySchemaRegistry;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.store.AttemptLog;
import io.igrelay.schemas.store.JobTable;
import io.igrelay.schemas.webhooks.CommandCodec;
import io.igrelay.schemas.webhooks.JobStateCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobReportsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

    private static final CommandCodec COMMANDS = new CommandCodec(new AvroSerdes(new InMemorySchemaRegistry()));
    private final MutableClock clock = new MutableClock(T0);
    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    private final TempStore store = new TempStore();
    private final JobLedger ledger = new JobLedger(new JobTable(store.store(), Duration.ofDays(7), clock));
    private final JobStateCodec codec = new JobStateCodec(new AvroSerdes(new InMemorySchemaRegistry()));
    private final JobReports reports = new JobReports(producer, "hub.webhook.jobs", codec, clock, ledger);

    @AfterEach
    void close() {
        store.close();
    }

    private static WebhookCommand replay(String jobId) {
        return command(new JsonObject().put("type", "REPLAY").put("jobId", jobId).put("webhookId", "w1")
                .put("applicationId", "app").put("from", "2026-11-01T00:00:00Z").put("to", "2026-11-22T00:00:00Z")
                .put("status", "Failed").put("requestedAt", T0.toString()));
    }

    /** A command as the ingress wrote it before Avro, read through the codec as the CommandLoop reads it. */
    private static WebhookCommand command(JsonObject json) {
        return COMMANDS.decode("hub.webhook.commands", json.toBuffer().getBytes());
    }

    private List<JsonObject> published() {
        return producer.history().stream().map(r -> {
            assertThat(r.topic()).isEqualTo("hub.webhook.jobs");
            return new JsonObject(Buffer.buffer(JobStateCodec.json(codec.decode(r.topic(), r.value()))))
                    .put("key", r.key());
        }).toList();
    }

    @Test
    void shouldReportRunningThenDoneWithTheCountQueuedAndTheFilter() {
        JobProgress job = reports.track(replay("j1"));
        job.started(3);
        job.queued();
        job.queued();
        job.queued();
        job.finished(Optional.empty());
        job.settled();
        job.settled();
        job.settled();
        JsonObject last = published().get(published().size() - 1);
        assertThat(published().get(0).getString("state")).isEqualTo("running");
        assertThat(last.getString("key")).isEqualTo("j1");
        assertThat(last.getString("state")).isEqualTo("done");
        assertThat(last.getInteger("matched")).isEqualTo(3);
        assertThat(last.getInteger("queued")).isEqualTo(3);
        assertThat(last.getString("from")).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(last.getString("status")).isEqualTo("Failed");
        assertThat(last.getString("webhookId")).isEqualTo("w1");
    }

    @Test
    void shouldStayRunningUntilTheEngineIsThroughWithEveryHandedEvent() {
        JobProgress job = reports.track(replay("j6"));
        job.started(2);
        job.queued();
        job.queued();
        job.settled();
        job.finished(Optional.empty());
        assertThat(published()).extracting(j -> j.getString("state")).containsOnly("running");
        job.settled();
        assertThat(published().get(published().size() - 1).getString("state")).isEqualTo("done");
    }

    @Test
    void shouldCallBackOnlyOnceTheFinalStateIsRecorded() {
        MockProducer<String, byte[]> manual = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        java.util.concurrent.atomic.AtomicInteger recorded = new java.util.concurrent.atomic.AtomicInteger();
        JobProgress job = new JobReports(manual, "hub.webhook.jobs", codec, clock, ledger).track(replay("j7"),
                recorded::incrementAndGet);
        job.started(0);
        job.finished(Optional.empty());
        manual.completeNext(); // running
        assertThat(recorded).hasValue(0);
        manual.completeNext(); // done
        assertThat(recorded).hasValue(1);
    }

    @Test
    void shouldResumeUnderTheSameIdCountingWhatTheInterruptedRunDelivered() {
        var last = JobStateCodec.fromJson(new JsonObject().put("jobId", "j8").put("state", "running")
                .put("matched", 5).put("queued", 3).put("startedAt", T0.toString()).toBuffer().getBytes());
        clock.advance(java.time.Duration.ofMinutes(5));
        JobProgress job = reports.resume(replay("j8"), last, 2, () -> { });
        job.started(3);
        for (int i = 0; i < 3; i++) {
            job.queued();
            job.settled();
        }
        job.finished(Optional.empty());
        JsonObject done = published().get(published().size() - 1);
        assertThat(done.getString("state")).isEqualTo("done");
        assertThat(done.getInteger("matched")).isEqualTo(5);
        assertThat(done.getInteger("queued")).isEqualTo(5);
        assertThat(done.getInteger("resumes")).isEqualTo(1);
        assertThat(done.getInteger("deliveredBeforeResume")).isEqualTo(2);
        assertThat(done.getString("startedAt")).isEqualTo(T0.toString());
        assertThat(done.getString("resumedAt")).isEqualTo(T0.plus(java.time.Duration.ofMinutes(5)).toString());
    }

    @Test
    void shouldReportProgressEveryHundredEventsWhileTheClockStandsStill() {
        JobProgress job = reports.track(replay("j2"));
        job.started(250);
        for (int i = 0; i < 250; i++) {
            job.queued();
        }
        assertThat(published()).extracting(j -> j.getInteger("queued")).containsExactly(0, 100, 200);
    }

    @Test
    void shouldReportProgressAtLeastEverySecond() {
        JobProgress job = reports.track(replay("j3"));
        job.started(10);
        job.queued();
        clock.advance(java.time.Duration.ofSeconds(1));
        job.queued();
        assertThat(published()).extracting(j -> j.getInteger("queued")).containsExactly(0, 2);
    }

    @Test
    void shouldReportAFailureWithItsReason() {
        JobProgress job = reports.track(replay("j4"));
        job.started(5);
        job.finished(Optional.of("OffsetOutOfRangeException: gone"));
        JsonObject last = published().get(1);
        assertThat(last.getString("state")).isEqualTo("failed");
        assertThat(last.getString("error")).contains("OffsetOutOfRange");
    }

    @Test
    void shouldReportNothingForACommandWithoutJobId() {
        JobProgress job = reports.track(replay(null));
        job.started(1);
        job.finished(Optional.empty());
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldFinishAJobThatMatchesNothingAtOnce() {
        JobStarter starter = new JobStarter(new AttemptLog(store.store(), Duration.ofDays(30), clock),
                new ReplayPositions(store.store()), null, reports, ledger);
        starter.handle(command(new JsonObject().put("type", "RETRY").put("jobId", "j5").put("webhookId", "w1")
                .put("applicationId", "app").put("logIds", new JsonArray().add("unknown"))));
        assertThat(published()).extracting(j -> j.getString("state")).containsExactly("running", "done");
        assertThat(published().get(1).getInteger("matched")).isZero();
        assertThat(published().get(1).getInteger("requested")).isEqualTo(1);
    }
}
