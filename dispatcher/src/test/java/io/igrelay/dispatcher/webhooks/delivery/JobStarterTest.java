package io.igrelay.dispatcher.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.WebhookCommand;
import io.igrelay.avro.WebhookJob;
import io.igrelay.dispatcher.webhooks.state.ReplayPositions;
import io.igrelay.dispatcher.webhooks.state.TempStore;
import io.igrelay.schemas.registry.InMemorySchemaRegistry;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.store.AttemptLog;
import io.igrelay.schemas.store.JobTable;
import io.igrelay.schemas.webhooks.AttemptLogCodec;
import io.igrelay.schemas.webhooks.CommandCodec;
import io.igrelay.schemas.webhooks.JobStateCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a (re)started dispatcher does with a retry/replay command, depending on what its job recorded before. */
class JobStarterTest {

    private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

    private static final TopicPartition LOG = new TopicPartition("hub.webhook.log", 0);
    private static final TopicPartition JOBS = new TopicPartition("hub.webhook.jobs", 0);

    private record Run(String webhookId, Map<Integer, TreeSet<Long>> wanted, String jobId, JobProgress progress) {
    }

    private static final CommandCodec COMMANDS = new CommandCodec(new AvroSerdes(new InMemorySchemaRegistry()));
    private final MutableClock clock = new MutableClock(T0);
    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    private final TempStore store = new TempStore();
    private final AttemptLog log = new AttemptLog(store.store(), Duration.ofDays(30), clock);
    private final JobLedger ledger = new JobLedger(new JobTable(store.store(), Duration.ofDays(7), clock));
    private final JobStateCodec codec = new JobStateCodec(new AvroSerdes(new InMemorySchemaRegistry()));
    private final List<Run> runs = new ArrayList<>();
    private final JobStarter loop = new JobStarter(log, new ReplayPositions(store.store()),
            (webhookId, targets, jobId, progress) -> runs.add(new Run(webhookId, positions(targets), jobId,
                    progress)),
            new JobReports(producer, "hub.webhook.jobs", codec, clock, ledger), ledger);
    private long logOffset;

    @AfterEach
    void close() {
        store.close();
    }

    private static Map<Integer, TreeSet<Long>> positions(JobTargets targets) {
        Map<Integer, TreeSet<Long>> wanted = new HashMap<>();
        for (int partition : targets.partitions()) {
            for (long o = targets.first(partition); o <= targets.last(partition); o++) {
                if (targets.contains(partition, o)) {
                    wanted.computeIfAbsent(partition, k -> new TreeSet<>()).add(o);
                }
            }
        }
        return wanted;
    }

    private void logged(String logId, long offset, boolean success, Optional<String> jobId) {
        logged(logId, offset, success, jobId, T0);
    }

    private void logged(String logId, long offset, boolean success, Optional<String> jobId, Instant at) {
        AttemptRecord record = new AttemptRecord(logId, "w1", "app", "e" + offset, "Message", "m" + offset, "u1", 1,
                success ? 200 : 500, 5, Optional.empty(), "", success, at, Optional.empty(), 0, offset,
                Optional.empty(), jobId);
        log.apply(new AttemptLog.Attempt(logId, "w1", "e" + offset, "m" + offset, success, at, 0, offset, jobId,
                AttemptLogCodec.json(record.toAvro())), LOG, logOffset++);
    }

    private static WebhookCommand replay(String jobId, String from, String to, String status) {
        return command(new JsonObject().put("type", "REPLAY").put("jobId", jobId).put("webhookId", "w1")
                .put("applicationId", "app").put("from", from).put("to", to).put("status", status)
                .put("requestedAt", T0.toString()));
    }

    private static WebhookCommand retry(String jobId, String... logIds) {
        return command(new JsonObject().put("type", "RETRY").put("jobId", jobId).put("webhookId", "w1")
                .put("applicationId", "app").put("logIds", new JsonArray(List.of((Object[]) logIds)))
                .put("requestedAt", T0.toString()));
    }

    /** A command as the ingress wrote it before Avro, read through the codec as the CommandLoop reads it. */
    private static WebhookCommand command(JsonObject json) {
        return COMMANDS.decode("hub.webhook.commands", json.toBuffer().getBytes());
    }

    /** A job state as the topic carried it before Avro. */
    private WebhookJob state(String jobId, String state) {
        return codec.decode("hub.webhook.jobs", new JsonObject().put("jobId", jobId).put("state", state)
                .put("matched", 3).put("queued", 1).put("startedAt", T0.toString()).toBuffer().getBytes());
    }

    private List<JsonObject> published() {
        return producer.history().stream()
                .map(r -> new JsonObject(Buffer.buffer(JobStateCodec.json(codec.decode(r.topic(), r.value())))))
                .toList();
    }

    @Test
    void shouldStartAJobItHasNeverSeen() {
        logged("l1", 1, false, Optional.empty());
        loop.handle(retry("j1", "l1"));
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).wanted()).isEqualTo(Map.of(0, new TreeSet<>(List.of(1L))));
        assertThat(runs.get(0).jobId()).isEqualTo("j1");
        runs.get(0).progress().started(1);
        assertThat(published()).hasSize(1);
        assertThat(published().get(0).getString("state")).isEqualTo("running");
        assertThat(published().get(0).containsKey("resumes")).isFalse();
    }

    @Test
    void shouldLeaveAJobThatFinishedBeforeTheRestartAloneAndLetItsCommandBeCommitted() {
        logged("l1", 1, false, Optional.empty());
        ledger.apply("j2", state("j2", "done"), JOBS, 0);
        AtomicInteger recorded = new AtomicInteger();
        loop.handle(retry("j2", "l1"), recorded::incrementAndGet);
        assertThat(runs).isEmpty();
        assertThat(producer.history()).isEmpty();
        assertThat(recorded).hasValue(1);
    }

    @Test
    void shouldResumeAnInterruptedJobWithoutWhatItAlreadyDelivered() {
        logged("l1", 1, false, Optional.empty());
        logged("l2", 2, false, Optional.empty());
        logged("l3", 3, false, Optional.empty());
        logged("l4", 1, true, Optional.of("j3")); // the interrupted run delivered offset 1
        logged("l5", 2, false, Optional.of("j3")); // ... and tried offset 2 without success
        ledger.apply("j3", state("j3", "running"), JOBS, 0);
        AtomicInteger recorded = new AtomicInteger();
        loop.handle(retry("j3", "l1", "l2", "l3"), recorded::incrementAndGet);
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).wanted()).isEqualTo(Map.of(0, new TreeSet<>(List.of(2L, 3L))));
        JobProgress progress = runs.get(0).progress();
        progress.started(2);
        progress.queued();
        progress.queued();
        progress.finished(Optional.empty());
        progress.settled();
        assertThat(recorded).hasValue(0);
        progress.settled();
        JsonObject done = published().get(published().size() - 1);
        assertThat(done.getString("state")).isEqualTo("done");
        assertThat(done.getInteger("matched")).isEqualTo(3);
        assertThat(done.getInteger("queued")).isEqualTo(3);
        assertThat(done.getInteger("resumes")).isEqualTo(1);
        assertThat(done.getInteger("deliveredBeforeResume")).isEqualTo(1);
        assertThat(recorded).hasValue(1);
    }

    @Test
    void shouldFinishAResumedJobAtOnceWhenItHadDeliveredEverything() {
        logged("l1", 1, false, Optional.empty());
        logged("l2", 1, true, Optional.of("j4"));
        ledger.apply("j4", state("j4", "running"), JOBS, 0);
        loop.handle(retry("j4", "l1"));
        assertThat(runs).isEmpty();
        assertThat(published()).extracting(j -> j.getString("state")).containsExactly("running", "done");
        assertThat(published().get(1).getInteger("queued")).isEqualTo(1);
    }

    @Test
    void shouldNotRunAJobTwiceWhenItsCommandIsReadAgainWhileItRuns() {
        logged("l1", 1, false, Optional.empty());
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        loop.handle(retry("j5", "l1"), first::incrementAndGet);
        loop.handle(retry("j5", "l1"), second::incrementAndGet);
        assertThat(runs).hasSize(1);
        JobProgress progress = runs.get(0).progress();
        progress.started(1);
        progress.queued();
        progress.finished(Optional.empty());
        progress.settled();
        assertThat(first).hasValue(1);
        assertThat(second).hasValue(1);
    }

    @Test
    void shouldMarkAJobFailedWithTheReasonWhenItsCommandCannotBeRead() {
        AtomicInteger recorded = new AtomicInteger();
        loop.handle(command(new JsonObject().put("type", "REPLAY").put("jobId", "j6").put("webhookId", "w1")
                .put("from", "yesterday")), recorded::incrementAndGet);
        JsonObject last = published().get(published().size() - 1);
        assertThat(last.getString("state")).isEqualTo("failed");
        assertThat(last.getString("error")).contains("could not be read");
        assertThat(recorded).hasValue(1);
    }

    @Test
    void shouldReplayEachEventOnceInQueueOrderFromTheStoreForATimeRangeAndStatus() {
        logged("l1", 7, false, Optional.empty(), T0.plusSeconds(10));
        logged("l2", 3, false, Optional.empty(), T0.plusSeconds(20));
        logged("l3", 7, false, Optional.empty(), T0.plusSeconds(30)); // a second attempt of offset 7
        logged("l4", 5, true, Optional.empty(), T0.plusSeconds(40)); // a success: not matched
        logged("l5", 9, false, Optional.empty(), T0.plusSeconds(90)); // after the range

        loop.handle(replay("j7", T0.toString(), T0.plusSeconds(60).toString(), "Failed"));

        assertThat(runs).singleElement().satisfies(run ->
                assertThat(run.wanted()).isEqualTo(Map.of(0, new TreeSet<>(List.of(3L, 7L)))));
    }

    @Test
    void shouldResumeAnInterruptedReplayWithoutWhatItDeliveredAndForgetItsPositionsWhenDone() {
        logged("l1", 1, false, Optional.empty(), T0.plusSeconds(1));
        logged("l2", 2, false, Optional.empty(), T0.plusSeconds(2));
        logged("l3", 1, true, Optional.of("j8"), T0.plusSeconds(3));
        ledger.apply("j8", state("j8", "running"), JOBS, 0);
        List<JobTargets> targets = new ArrayList<>();
        JobStarter starter = new JobStarter(log, new ReplayPositions(store.store()),
                (webhookId, t, jobId, progress) -> targets.add(t),
                new JobReports(producer, "hub.webhook.jobs", codec, clock, ledger), ledger);

        starter.handle(replay("j8", T0.toString(), T0.plusSeconds(60).toString(), null));

        assertThat(targets).singleElement().satisfies(t -> {
            assertThat(positions(t)).isEqualTo(Map.of(0, new TreeSet<>(List.of(2L))));
            t.close();
            assertThat(t.size()).isZero();
        });
    }
}
