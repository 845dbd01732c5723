package io.igrelay.dispatcher.webhooks.delivery;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/*
 * The latest recorded state of every retry/replay job (hub.webhook.jobs, read from the beginning at start-up and
 * followed, plus what this dispatcher just published): lets a restarted dispatcher tell a job that finished from one
 * that a crash interrupted while `running`, when the job's command is delivered to it again.
 */
public final class JobLedger {

    static final Set<String> FINAL_STATES = Set.of("done", "failed");

    private final Map<String, JsonObject> latest = new ConcurrentHashMap<>();

    /** A record of hub.webhook.jobs (key = job id). */
    public void apply(String jobId, byte[] value) {
        if (jobId != null && value != null) {
            record(jobId, new JsonObject(Buffer.buffer(value)));
        }
    }

    void record(String jobId, JsonObject state) {
        latest.merge(jobId, state, (old, next) -> isFinal(old) && !isFinal(next) ? old : next);
    }

    public Optional<JsonObject> latest(String jobId) {
        return jobId == null ? Optional.empty() : Optional.ofNullable(latest.get(jobId));
    }

    static boolean isFinal(JsonObject state) {
        return FINAL_STATES.contains(state.getString("state"));
    }
}
