package io.igrelay.dispatcher.send;

import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.SendOutcome;
import io.igrelay.dispatcher.graph.CallOutcome;
import io.igrelay.schemas.contract.HubErrorCode;
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

    /** Failed now, retryable: the restriction is Meta's temporary block of the account, not of this message. */
    static FinalOutcome restricted(SendProgress state, String message, Optional<String> metaCode) {
        return new FinalOutcome(SendOutcome.FAILED, state.mids, state.attempts,
                Optional.of(HubErrorCode.ACCOUNT_RESTRICTED.name()),
                Optional.of(message), metaCode, true, Optional.empty(), state.maybeAccepted, false, Optional.empty());
    }

    /**
     * Meta refused the call for good. A window answer to a private reply is about the comment's 7 days
     * (PRIVATE_REPLY_EXPIRED, no decision time: the DM window stays as it is); to a message it closes the window.
     */
    static FinalOutcome refusedByMeta(DispatchCommand command, SendProgress state, CallOutcome.Failed failed,
                                      Instant callTime) {
        boolean windowAnswer = failed.kind() == CallOutcome.Kind.WINDOW_CLOSED;
        boolean dmWindow = windowAnswer && command.getComment() == null;
        String code = windowAnswer && !dmWindow ? HubErrorCode.PRIVATE_REPLY_EXPIRED.name() : failed.errorCode();
        return new FinalOutcome(SendOutcome.FAILED, state.mids, state.attempts, Optional.of(code),
                Optional.of(failed.errorMessage()), failed.channelErrorCode(), false,
                dmWindow ? Optional.of(callTime) : Optional.empty(), state.maybeAccepted,
                failed.kind() == CallOutcome.Kind.TOKEN_INVALID, Optional.empty());
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
