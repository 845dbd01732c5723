package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.schemas.store.JobTable;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/*
 * The latest recorded state of every retry/replay job (hub.webhook.jobs, followed from where the local store left
 * off, plus what this dispatcher just published), kept in the local store rather than on the heap: lets a restarted
 * dispatcher tell a job that finished from one that a crash interrupted while `running`, when the job's command is
 * delivered to it again. A final state is never replaced by a running one.
 */
public final class JobLedger {

    static final Set<String> FINAL_STATES = Set.of("done", "failed");

    private final JobTable table;

    public JobLedger(JobTable table) {
        this.table = table;
    }

    /** A record of hub.webhook.jobs (key = job id) read at {@code offset}. */
    public void apply(String jobId, JsonObject state, TopicPartition source, long offset) {
        if (jobId == null || state == null) {
            table.skip(source, offset);
            return;
        }
        table.merge(jobId, bytes(state), JobLedger::later, source, offset);
    }

    void record(String jobId, JsonObject state) {
        table.merge(jobId, bytes(state), JobLedger::later);
    }

    public Optional<JsonObject> latest(String jobId) {
        return jobId == null ? Optional.empty() : table.get(jobId).map(b -> new JsonObject(Buffer.buffer(b)));
    }

    private static byte[] later(byte[] old, byte[] next) {
        return isFinal(new JsonObject(Buffer.buffer(old))) && !isFinal(new JsonObject(Buffer.buffer(next)))
                ? old : next;
    }

    private static byte[] bytes(JsonObject state) {
        return state.toBuffer().getBytes();
    }

    static boolean isFinal(JsonObject state) {
        return FINAL_STATES.contains(state.getString("state"));
    }
}
