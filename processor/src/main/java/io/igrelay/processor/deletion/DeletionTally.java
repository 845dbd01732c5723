package io.igrelay.processor.deletion;

/** The deletion tally's row (JSON, own store): reports received so far and the windows they purged. */
public record DeletionTally(int reports, long windows) {
}
