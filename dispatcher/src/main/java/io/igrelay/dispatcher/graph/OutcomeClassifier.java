package io.igrelay.dispatcher.graph;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.Set;

/*
 * The one place that decides retriable vs permanent (SPEC 6.3, STYLE "Consumers that call HTTP"), from the HTTP
 * status and Meta's code/subcode: network errors, timeouts, 5xx and codes 1, 2, 1200 are transient; 4, 17, 32, 613
 * are rate limits (transient, and they pause the account); 10, 100, 190, 200-299, 551 and any other refusal are
 * permanent; 10 with a window subcode is WINDOW_CLOSED and 190 also marks the token invalid.
 */
public final class OutcomeClassifier {

    private static final Set<Integer> TRANSIENT_CODES = Set.of(1, 2, 1200);
    private static final Set<Integer> RATE_LIMIT_CODES = Set.of(4, 17, 32, 613);
    private static final Set<Integer> WINDOW_SUBCODES = Set.of(2534022, 2018278, 2018065);
    private static final int TOKEN_INVALID_CODE = 190;

    /** Classifies an HTTP answer of the Send API. */
    public CallOutcome classify(int status, String body) {
        if (status >= 200 && status < 300) {
            return new CallOutcome.Delivered(messageId(body));
        }
        Optional<MetaError> parsed = MetaError.parse(body);
        if (parsed.isEmpty()) {
            if (status >= 500 || status == 429 || status == 408) {
                return new CallOutcome.Retry("HTTP " + status, Optional.empty(), status == 429, false);
            }
            return new CallOutcome.Failed("META_ERROR", "Send API answered HTTP " + status, Optional.empty(),
                    CallOutcome.Kind.REFUSED);
        }
        MetaError error = parsed.get();
        Optional<String> channelCode = Optional.of(error.channelErrorCode());
        if (RATE_LIMIT_CODES.contains(error.code())) {
            return new CallOutcome.Retry("rate limited (" + error.channelErrorCode() + ")", channelCode, true, false);
        }
        if (TRANSIENT_CODES.contains(error.code())) {
            return new CallOutcome.Retry("transient (" + error.channelErrorCode() + ")", channelCode, false, false);
        }
        if (error.code() == 10 && error.subcode().filter(WINDOW_SUBCODES::contains).isPresent()) {
            return new CallOutcome.Failed("WINDOW_CLOSED", error.message(), channelCode,
                    CallOutcome.Kind.WINDOW_CLOSED);
        }
        if (error.code() == TOKEN_INVALID_CODE) {
            return new CallOutcome.Failed("REAUTH_REQUIRED", error.message(), channelCode,
                    CallOutcome.Kind.TOKEN_INVALID);
        }
        if (error.transientFlag()) {
            return new CallOutcome.Retry("transient (" + error.channelErrorCode() + ")", channelCode, false, false);
        }
        if (isNamedPermanent(error.code()) || status < 500) {
            return new CallOutcome.Failed("META_ERROR", error.message(), channelCode, CallOutcome.Kind.REFUSED);
        }
        // an unknown code with a 5xx: Meta's side broke, not our request
        return new CallOutcome.Retry("HTTP " + status + " (" + error.channelErrorCode() + ")", channelCode, false,
                false);
    }

    /** Classifies a call that got no HTTP answer: a timeout may have reached Meta, a refused connection did not. */
    public CallOutcome classify(Throwable failure) {
        boolean timeout = failure instanceof HttpTimeoutException;
        String reason = timeout ? "timeout" : "network error (" + failure.getClass().getSimpleName() + ")";
        return new CallOutcome.Retry(reason, Optional.empty(), false,
                timeout && !(failure instanceof java.net.http.HttpConnectTimeoutException));
    }

    private static boolean isNamedPermanent(int code) {
        return code == 10 || code == 100 || code == 551 || (code >= 200 && code < 300);
    }

    private static Optional<String> messageId(String body) {
        try {
            return Optional.ofNullable(new JsonObject(body).getString("message_id"));
        } catch (DecodeException | ClassCastException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
