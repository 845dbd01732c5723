package io.igrelay.dispatcher.webhooks.delivery;

import java.util.Optional;

/*
 * What a manual retry or replay job tells the outside world while it runs (issue 8, point 8: the job is
 * asynchronous, so its progress must be visible): it started with `matched` logged queue records to re-send, how
 * many it has handed to the delivery so far, and how it ended. Called from the replay thread only.
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
    };

    void started(int matched);

    /** One more event was handed to the delivery engine. */
    void queued();

    /** Done when {@code error} is empty, failed otherwise. */
    void finished(Optional<String> error);
}
