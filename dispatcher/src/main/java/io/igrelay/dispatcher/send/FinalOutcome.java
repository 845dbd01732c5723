package io.igrelay.dispatcher.send;

import io.igrelay.avro.SendOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/*
 * How a dispatch command ended, with everything the ledger, the status, the channel event and the dead letter are
 * built from. A value: once decided it is written (and rewritten after a failed write) without calling Meta again.
 */
public record FinalOutcome(
        SendOutcome outcome,
        List<String> metaMessageIds,
        int attempts,
        Optional<String> errorCode,
        Optional<String> errorMessage,
        Optional<String> channelErrorCode,
        boolean retryable,
        Optional<Instant> decisionTime,
        boolean possibleDuplicate,
        boolean tokenInvalid,
        Optional<String> deadLetterReason) {

    public FinalOutcome {
        metaMessageIds = List.copyOf(metaMessageIds);
    }

    public static FinalOutcome sent(List<String> mids, int attempts, boolean possibleDuplicate) {
        return new FinalOutcome(SendOutcome.SENT, mids, attempts, Optional.empty(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), possibleDuplicate, false, Optional.empty());
    }

    /** A failure without a Meta answer behind it (window expired, channel refused, unsendable content). */
    public static FinalOutcome failed(String errorCode, String errorMessage, int attempts) {
        return new FinalOutcome(SendOutcome.FAILED, List.of(), attempts, Optional.of(errorCode),
                Optional.of(errorMessage), Optional.empty(), false, Optional.empty(), false, false, Optional.empty());
    }

    public FinalOutcome withDecisionTime(Instant at) {
        return new FinalOutcome(outcome, metaMessageIds, attempts, errorCode, errorMessage, channelErrorCode,
                retryable, Optional.of(at), possibleDuplicate, tokenInvalid, deadLetterReason);
    }

    public FinalOutcome withMids(List<String> mids) {
        return new FinalOutcome(outcome, mids, attempts, errorCode, errorMessage, channelErrorCode, retryable,
                decisionTime, possibleDuplicate, tokenInvalid, deadLetterReason);
    }
}
