package io.igrelay.ingress.appwebhooks;

import io.igrelay.avro.WebhookCommand;
import io.igrelay.avro.WebhookJob;
import io.igrelay.schemas.store.JobTable;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/*
 * The state of the asynchronous retry and replay jobs, for GET …/webhook-log/replay/{jobId}: a job is `pending` from
 * the moment its command is on hub.webhook.commands, then `running`, `done` or `failed` as the dispatcher reports on
 * hub.webhook.jobs. Both topics feed the ingress's local store (JobTable, 7 days), from where it left off, so every
 * replica answers for every job, a restart forgets none, and the heap holds none; a state never goes back (the
 * topics are read apart; JobStateCodec reads the jobs topic). A job a dispatcher restart interrupted is resumed
 * under the same id; its records then carry `resumes`, `resumedAt` and `deliveredBeforeResume`, shown as they are.
 * Its calls read the disk: off the event loop.
 */
public final class JobView {

    private final JobTable table;

    public JobView(JobTable table) {
        this.table = table;
    }

    /** A record of hub.webhook.commands read at {@code offset}: the job exists and waits for the dispatcher. */
    public void applyCommand(WebhookCommand command, TopicPartition source, long offset) {
        fold(command == null ? Optional.empty() : JobRecord.of(command), source, offset);
    }

    /** A command this ingress just wrote (a GET right after finds it). */
    public void applyCommand(WebhookCommand command) {
        AttemptLogView.offTheEventLoop();
        JobRecord.of(command).ifPresent(job -> table.merge(job.jobId(), job.stored(), JobView::merge));
    }

    /** A record of hub.webhook.jobs read at {@code offset}: the dispatcher's latest word on the job. */
    public void applyProgress(WebhookJob progress, TopicPartition source, long offset) {
        fold(progress == null ? Optional.empty() : JobRecord.of(progress), source, offset);
    }

    private void fold(Optional<JobRecord> job, TopicPartition source, long offset) {
        if (job.isEmpty()) {
            table.skip(source, offset);
            return;
        }
        table.merge(job.get().jobId(), job.get().stored(), JobView::merge, source, offset);
    }

    /** The job, if it belongs to this webhook. */
    public Optional<JobRecord> get(String webhookId, String jobId) {
        AttemptLogView.offTheEventLoop();
        return table.get(jobId).map(JobRecord::fromStored).filter(j -> webhookId.equals(j.webhookId()));
    }

    private static byte[] merge(byte[] old, byte[] latest) {
        JobRecord before = JobRecord.fromStored(old);
        JobRecord after = JobRecord.fromStored(latest);
        return newer(after, before) ? after.keepRequestedAt(before).stored() : old;
    }

    /** Later state, or the same state with more queued, or a later run of a job a restart interrupted. */
    private static boolean newer(JobRecord latest, JobRecord old) {
        if (latest.rank() != old.rank()) {
            return latest.rank() > old.rank();
        }
        return latest.resumes() > old.resumes()
                || (latest.resumes() == old.resumes() && latest.queued() >= old.queued());
    }

    static String lower(String type) {
        return type.toLowerCase(Locale.ROOT);
    }

    static JsonObject json(byte[] bytes) {
        return new JsonObject(Buffer.buffer(bytes));
    }
}
