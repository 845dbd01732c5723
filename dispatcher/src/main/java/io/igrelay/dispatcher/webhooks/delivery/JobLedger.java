package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.avro.WebhookJob;
import io.igrelay.schemas.store.JobTable;
import io.igrelay.schemas.webhooks.JobStateCodec;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/*
 * The latest recorded state of every retry/replay job (hub.webhook.jobs, followed from where the local store left
 * off, plus what this dispatcher just published), kept in the local store rather than on the heap: lets a restarted
 * dispatcher tell a job that finished from one that a crash interrupted while `running`, when the job's command is
 * delivered to it again. A final state is never replaced by a running one. Rows are the job's JSON form
 * (JobStateCodec), as before the topic carried Avro, so rows stored then still read.
 */
public final class JobLedger {

    static final Set<String> FINAL_STATES = Set.of("done", "failed");

    private final JobTable table;

    public JobLedger(JobTable table) {
        this.table = table;
    }

    /** A record of hub.webhook.jobs (key = job id) read at {@code offset}. */
    public void apply(String jobId, WebhookJob state, TopicPartition source, long offset) {
        if (jobId == null || state == null) {
            table.skip(source, offset);
            return;
        }
        table.merge(jobId, JobStateCodec.json(state), JobLedger::later, source, offset);
    }

    void record(String jobId, WebhookJob state) {
        table.merge(jobId, JobStateCodec.json(state), JobLedger::later);
    }

    public Optional<WebhookJob> latest(String jobId) {
        return jobId == null ? Optional.empty() : table.get(jobId).map(JobStateCodec::fromJson);
    }

    private static byte[] later(byte[] old, byte[] next) {
        return isFinal(JobStateCodec.fromJson(old)) && !isFinal(JobStateCodec.fromJson(next)) ? old : next;
    }

    static boolean isFinal(WebhookJob state) {
        return FINAL_STATES.contains(state.getState());
    }
}
