package io.igrelay.ingress.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class JobViewTest {

    private final JobView view = new JobView();

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
        view.applyCommand("w1", replayCommand("j1"));
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
        view.applyCommand("w1", replayCommand("j2"));
        view.applyProgress("j2", progress("j2", "running", 10, 4));
        view.applyProgress("j2", progress("j2", "done", 10, 10));
        JsonObject json = view.get("w1", "j2").orElseThrow().toJson();
        assertThat(json.getString("state")).isEqualTo("done");
        assertThat(json.getInteger("matched")).isEqualTo(10);
        assertThat(json.getInteger("queued")).isEqualTo(10);
        assertThat(json.getString("requestedAt")).isEqualTo("2026-11-23T10:00:00Z");
    }

    @Test
    void shouldNeverGoBackWhenTheTopicsAreReadOutOfStep() {
        view.applyProgress("j3", progress("j3", "running", 10, 7));
        view.applyCommand("w1", replayCommand("j3")); // the commands topic was read later
        view.applyProgress("j3", progress("j3", "running", 10, 3)); // an older progress record
        JobView.Job job = view.get("w1", "j3").orElseThrow();
        assertThat(job.state()).isEqualTo("running");
        assertThat(job.queued()).isEqualTo(7);
        view.applyProgress("j3", progress("j3", "failed", 10, 7));
        view.applyProgress("j3", progress("j3", "running", 10, 9));
        assertThat(view.get("w1", "j3").orElseThrow().state()).isEqualTo("failed");
    }

    @Test
    void shouldShowTheRunThatResumedAJobAfterADispatcherRestart() {
        view.applyCommand("w1", replayCommand("j6"));
        view.applyProgress("j6", progress("j6", "running", 10, 6));
        JsonObject resumed = new JsonObject(io.vertx.core.buffer.Buffer.buffer(progress("j6", "running", 10, 4)))
                .put("resumes", 1).put("resumedAt", "2026-11-23T10:05:00Z").put("deliveredBeforeResume", 4);
        view.applyProgress("j6", resumed.toBuffer().getBytes());
        JsonObject json = view.get("w1", "j6").orElseThrow().toJson();
        assertThat(json.getInteger("queued")).isEqualTo(4);
        assertThat(json.getInteger("resumes")).isEqualTo(1);
        assertThat(json.getString("resumedAt")).isEqualTo("2026-11-23T10:05:00Z");
        assertThat(json.getInteger("deliveredBeforeResume")).isEqualTo(4);
        view.applyCommand("w1", replayCommand("j7"));
        assertThat(view.get("w1", "j7").orElseThrow().toJson().containsKey("resumes")).isFalse();
    }

    @Test
    void shouldHideAJobFromAnotherWebhook() {
        view.applyCommand("w1", replayCommand("j4"));
        assertThat(view.get("w2", "j4")).isEmpty();
        assertThat(view.get("w1", "nope")).isEmpty();
    }

    @Test
    void shouldCountTheLogIdsOfARetry() {
        view.applyCommand("w1", new JsonObject().put("type", "RETRY").put("jobId", "j5").put("webhookId", "w1")
                .put("logIds", new JsonArray().add("a").add("b")).toBuffer().getBytes());
        JsonObject json = view.get("w1", "j5").orElseThrow().toJson();
        assertThat(json.getString("type")).isEqualTo("retry");
        assertThat(json.getInteger("requested")).isEqualTo(2);
        assertThat(json.containsKey("filter")).isFalse();
    }
}
