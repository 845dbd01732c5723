package io.igrelay.dispatcher.graph;

import java.util.Optional;

/*
 * What one Send API call came to, as decided by OutcomeClassifier: delivered (with Meta's mid when Meta returns
 * one), worth retrying (transient or rate-limited), or failed for good (with the hub error code and Meta's
 * code[/subcode]). The pipeline acts on these three cases and nothing else.
 */
public sealed interface CallOutcome {

    /** Meta accepted the call; reactions and sender actions return no mid. */
    record Delivered(Optional<String> metaMessageId) implements CallOutcome {
    }

    /**
     * Transient: retry after a backoff. {@code rateLimited} pauses the account's bucket; {@code maybeAccepted} means
     * Meta may already have taken the call (a timeout), so a later success may be a duplicate.
     */
    record Retry(String reason, Optional<String> channelErrorCode, boolean rateLimited, boolean maybeAccepted)
            implements CallOutcome {
    }

    /** Permanent: the message fails now. */
    record Failed(String errorCode, String errorMessage, Optional<String> channelErrorCode, Kind kind)
            implements CallOutcome {
    }

    /** Which permanent failure, for the side effects beyond the status. */
    enum Kind {
        REFUSED,
        WINDOW_CLOSED,
        TOKEN_INVALID
    }
}
