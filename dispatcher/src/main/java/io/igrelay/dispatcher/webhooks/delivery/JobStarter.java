package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.avro.WebhookCommand;
import io.igrelay.avro.WebhookJob;
import io.igrelay.dispatcher.webhooks.state.ReplayPositions;
import io.igrelay.schemas.store.AttemptLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Turns one retry/replay command into a job: RETRY names log ids, REPLAY a time range and optional status of logged
 * attempts; both become queue positions (from the attempt log's store) that the QueueReplayer re-sends, so eventIds
 * are kept. A job recorded as done or failed before a restart is left alone; one recorded as running resumes under
 * its id without re-sending what it already delivered (the attempt log names the job). Log ids of another webhook
 * are ignored.
 */
public final class JobStarter {

    /** Re-sends queue positions to one webhook for one job (the QueueReplayer). */
    public interface Resender {
        void positions(String webhookId, JobTargets targets, String jobId, JobProgress progress);
    }

    private static final Logger LOG = LoggerFactory.getLogger(JobStarter.class);

    private final AttemptLog log;
    private final ReplayPositions replays;
    private final Resender replayer;
    private final JobReports jobs;
    private final JobLedger ledger;
    private final Map<String, List<Runnable>> active = new HashMap<>(); // job id -> commands waiting for it

    public JobStarter(AttemptLog log, ReplayPositions replays, Resender replayer, JobReports jobs, JobLedger ledger) {
        this.log = log;
        this.replays = replays;
        this.replayer = replayer;
        this.jobs = jobs;
        this.ledger = ledger;
    }

    void handle(WebhookCommand command) {
        handle(command, () -> { });
    }

    /** Starts, resumes or skips the command's job; {@code recorded} runs once its final state is recorded. */
    public void handle(WebhookCommand command, Runnable recorded) {
        String jobId = command.getJobId();
        Optional<WebhookJob> last = ledger.latest(jobId);
        if (last.isPresent() && JobLedger.isFinal(last.get())) {
            recorded.run(); // finished before the restart; nothing is sent again
            return;
        }
        Runnable finish = recorded;
        if (jobId != null) {
            synchronized (active) {
                List<Runnable> waiting = active.get(jobId);
                if (waiting != null) {
                    waiting.add(recorded); // read again (rebalance) while it still runs here
                    return;
                }
                active.put(jobId, new ArrayList<>(List.of(recorded)));
            }
            finish = () -> {
                List<Runnable> waiting;
                synchronized (active) {
                    waiting = active.remove(jobId);
                }
                if (waiting != null) {
                    waiting.forEach(Runnable::run);
                }
            };
        }
        int[] delivered = {0};
        JobTargets targets;
        try {
            targets = targets(command, last.isPresent() ? jobId : null, delivered);
        } catch (RuntimeException e) {
            JobProgress failed = jobs.track(command, finish);
            failed.started(0);
            failed.finished(Optional.of("the command could not be read: " + e.getMessage()));
            return;
        }
        JobProgress progress;
        if (last.isPresent()) {
            LOG.info("resuming webhook job {} that a restart interrupted: {} event(s) delivered before, {} left",
                    jobId, delivered[0], targets.size());
            progress = jobs.resume(command, last.get(), delivered[0], finish);
        } else {
            progress = jobs.track(command, finish);
        }
        if (targets.size() == 0) {
            targets.close();
            progress.started(0);
            progress.finished(Optional.empty());
        } else {
            replayer.positions(command.getWebhookId(), targets, jobId, progress);
        }
    }

    /** The command's distinct queue positions, without those {@code resumedJob} delivered before (counted). */
    private JobTargets targets(WebhookCommand command, String resumedJob, int[] delivered) {
        String webhookId = command.getWebhookId();
        if ("RETRY".equals(command.getType())) {
            Map<Integer, TreeSet<Long>> wanted = new HashMap<>();
            List<String> ids = command.getLogIds() == null ? List.of() : command.getLogIds();
            ids.stream().map(log::get).flatMap(Optional::stream)
                    .filter(row -> row.webhookId().equals(webhookId) && row.queuePartition() >= 0)
                    .forEach(row -> wanted.computeIfAbsent(row.queuePartition(), k -> new TreeSet<>())
                            .add(row.queueOffset()));
            if (resumedJob != null) {
                wanted.forEach((partition, offsets) -> {
                    int before = offsets.size();
                    offsets.removeIf(offset -> log.deliveredBy(resumedJob, partition, offset));
                    delivered[0] += before - offsets.size();
                });
            }
            return JobTargets.of(wanted);
        }
        Instant from = Optional.ofNullable(command.getFrom()).map(Instant::parse).orElse(Instant.EPOCH);
        Instant to = Optional.ofNullable(command.getTo()).or(() -> Optional.ofNullable(command.getRequestedAt()))
                .map(Instant::parse).orElseGet(Instant::now);
        Optional<Boolean> success = Optional.ofNullable(command.getStatus()).map("Success"::equals);
        String jobId = Optional.ofNullable(command.getJobId()).orElseGet(() -> UUID.randomUUID().toString());
        return replays.collect(jobId, sink -> log.positions(webhookId, from, to, success, sink),
                (partition, offset) -> resumedJob != null && log.deliveredBy(resumedJob, partition, offset),
                delivered);
    }
}
