package io.igrelay.dispatcher.graph;

import java.util.Optional;

/*
 * What one Send API call came to, as decided by OutcomeClassifier: delivered (with Meta's mid when Meta returns
 * one), worth retrying (transient or rate-limited), or failed for good (with the hub error code and Meta's
 * code[/subcode]). The pipeline acts on these three cases and nothing else; a Failed of kind ACCOUNT_RESTRICTED also
 * pauses the account's sends (RestrictionGate).
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

        /**
         * Meta did not answer, answered a bare 5xx/408, or said it is down (code 2, "temporary issue due to
         * downtime"): a dependency that is away, so the message waits for it until its deadline (notAfter) instead of
         * giving up after a fixed number of attempts. A coded answer (1, 341, 1200) is Meta present and refusing for
         * now, which stays bounded.
         */
        public boolean metaAway() {
            if (rateLimited) {
                return false;
            }
            return channelErrorCode.map(code -> code.equals("2") || code.startsWith("2/")).orElse(true);
        }
    }

    /** Permanent: the message fails now. */
    record Failed(String errorCode, String errorMessage, Optional<String> channelErrorCode, Kind kind)
            implements CallOutcome {
    }

    /** Which permanent failure, for the side effects beyond the status. */
    enum Kind {
        REFUSED,
        WINDOW_CLOSED,
        TOKEN_INVALID,
        /** Meta restricted the account itself (policy block): every send of it would fail, so the account pauses. */
        ACCOUNT_RESTRICTED
    }
}
