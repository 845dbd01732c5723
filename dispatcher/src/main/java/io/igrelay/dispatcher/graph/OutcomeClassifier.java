package io.igrelay.dispatcher.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.igrelay.schemas.contract.HubErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import org.apache.hc.client5.http.ConnectTimeoutException;

/*
 * The one place that decides retriable vs permanent (STYLE "Consumers that call HTTP"), from the HTTP status and
 * Meta's code/subcode: network errors, timeouts, 5xx and codes 1, 2, 341, 1200 are transient; 4, 17, 32, 613 are
 * rate limits (transient, and they pause the account); 368 and 10/1893063 restrict the account itself (permanent for
 * this message, and the account pauses); 10, 100, 190, 200-299, 551 and any other refusal are permanent; 10 with a
 * window subcode is WINDOW_CLOSED and 190 also marks the token invalid. Codes and recovery as Meta documents them in
 * https://developers.facebook.com/docs/graph-api/guides/error-handling (341 "Application limit reached: wait and
 * retry", 368 "Temporarily blocked for policies violations"),
 * https://developers.facebook.com/docs/messenger-platform/reference/send-api/error-codes and, for 10/1893063 ("Pages
 * temporarily restricted from sending messages", June 25, 2026),
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/changelog/.
 */
public final class OutcomeClassifier {

    private static final Set<Integer> TRANSIENT_CODES = Set.of(1, 2, 341, 1200);
    private static final Set<Integer> RATE_LIMIT_CODES = Set.of(4, 17, 32, 613);
    private static final Set<Integer> WINDOW_SUBCODES = Set.of(2534022, 2018278, 2018065);
    private static final int TOKEN_INVALID_CODE = 190;
    private static final int POLICY_BLOCK_CODE = 368;
    /** Code 10 with these subcodes: the account is temporarily restricted from sending. */
    private static final Set<Integer> RESTRICTION_SUBCODES = Set.of(1893063);
    private static final JsonFactory JSON = new JsonFactory();

    /** Classifies an HTTP answer of the Send API. */
    public CallOutcome classify(int status, String body) {
        if (status >= 200 && status < 300) {
            return new CallOutcome.Delivered(messageId(body));
        }
        Optional<GraphApiError> parsed = GraphApiError.parse(body);
        if (parsed.isEmpty()) {
            if (status >= 500 || status == 429 || status == 408) {
                return new CallOutcome.Retry("HTTP " + status, Optional.empty(), status == 429, false);
            }
            return new CallOutcome.Failed(HubErrorCode.META_ERROR.name(), "Send API answered HTTP " + status,
                    Optional.empty(), CallOutcome.Kind.REFUSED);
        }
        GraphApiError error = parsed.get();
        Optional<String> channelCode = Optional.of(error.channelErrorCode());
        if (RATE_LIMIT_CODES.contains(error.code())) {
            return new CallOutcome.Retry("rate limited (" + error.channelErrorCode() + ")", channelCode, true, false);
        }
        if (TRANSIENT_CODES.contains(error.code())) {
            return new CallOutcome.Retry("transient (" + error.channelErrorCode() + ")", channelCode, false, false);
        }
        if (isRestriction(error)) {
            return new CallOutcome.Failed(HubErrorCode.ACCOUNT_RESTRICTED.name(), error.message(), channelCode,
                    CallOutcome.Kind.ACCOUNT_RESTRICTED);
        }
        if (error.code() == 10 && error.subcode().filter(WINDOW_SUBCODES::contains).isPresent()) {
            return new CallOutcome.Failed(HubErrorCode.WINDOW_CLOSED.name(), error.message(), channelCode,
                    CallOutcome.Kind.WINDOW_CLOSED);
        }
        if (error.code() == TOKEN_INVALID_CODE) {
            return new CallOutcome.Failed(HubErrorCode.REAUTH_REQUIRED.name(), error.message(), channelCode,
                    CallOutcome.Kind.TOKEN_INVALID);
        }
        if (error.transientFlag()) {
            return new CallOutcome.Retry("transient (" + error.channelErrorCode() + ")", channelCode, false, false);
        }
        if (isNamedPermanent(error.code()) || status < 500) {
            return new CallOutcome.Failed(HubErrorCode.META_ERROR.name(), error.message(), channelCode,
                    CallOutcome.Kind.REFUSED);
        }
        // an unknown code with a 5xx: Meta's side broke, not our request
        return new CallOutcome.Retry("HTTP " + status + " (" + error.channelErrorCode() + ")", channelCode, false,
                false);
    }

    /** Classifies a call that got no HTTP answer: a timeout may have reached Meta, a refused connection did not. */
    public CallOutcome classify(Throwable failure) {
        boolean connectFailed = failure instanceof ConnectException
                || failure instanceof ConnectTimeoutException
                || failure instanceof UnknownHostException;
        boolean timeout = failure instanceof SocketTimeoutException
                || failure instanceof ConnectTimeoutException;
        String reason = timeout ? "timeout" : "network error (" + failure.getClass().getSimpleName() + ")";
        // only a call whose request was written and then went unanswered can have reached Meta
        return new CallOutcome.Retry(reason, Optional.empty(), false, timeout && !connectFailed);
    }

    private static boolean isRestriction(GraphApiError error) {
        return error.code() == POLICY_BLOCK_CODE
                || error.code() == 10 && error.subcode().filter(RESTRICTION_SUBCODES::contains).isPresent();
    }

    private static boolean isNamedPermanent(int code) {
        return code == 10 || code == 100 || code == 551 || (code >= 200 && code < 300);
    }

    /** Meta's {@code message_id} from a success body, read with a streaming parser (no tree per call). */
    static Optional<String> messageId(String body) {
        if (body == null || body.isEmpty()) {
            return Optional.empty();
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("message_id".equals(field)) {
                    return value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
