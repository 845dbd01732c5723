package io.igrelay.dispatcher.webhooks.delivery;

import java.util.Optional;

/*
 * What a manual retry or replay job tells the outside world while it runs (the job is
 * asynchronous, so its progress must be visible): it started with `matched` logged queue records to re-send, how
 * many it has handed to the delivery so far, how many of those the engine is through with, and how it ended.
 * Called from the replay thread, except `settled` (the engine's context): implementations are thread-safe.
 */
public interface JobProgress {

    JobProgress NONE = new JobProgress() {
        @Override
        public void started(int matched) {
        }

        @Override
        public void queued() {
        }

        @Override
        public void finished(Optional<String> error) {
        }

        @Override
        public void settled() {
        }
    };

    void started(int matched);

    /** One more event was handed to the delivery engine. */
    void queued();

    /**
     * Every matched event was handed over when {@code error} is empty (the job is done once each of them has
     * {@link #settled}); the job failed otherwise.
     */
    void finished(Optional<String> error);

    /** The engine is through with the first try of one handed event (attempt logged, skipped or let go). */
    void settled();
}
