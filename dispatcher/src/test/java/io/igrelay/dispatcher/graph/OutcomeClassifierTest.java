package io.igrelay.dispatcher.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.dispatcher.Fixtures;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/* Every error fixture, and the no-answer cases, land in the class contract §6.3 gives them. */
class OutcomeClassifierTest {

    private final OutcomeClassifier classifier = new OutcomeClassifier();

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @CsvSource({
        "error-outside-window.json,       403, WINDOW_CLOSED,   10/2534022, WINDOW_CLOSED",
        "error-no-matching-user.json,     400, META_ERROR,      100/2018001, REFUSED",
        "error-attachment-too-large.json, 400, META_ERROR,      100/2018109, REFUSED",
        "error-user-unavailable.json,     400, META_ERROR,      551/1545041, REFUSED",
        "error-token-expired.json,        400, REAUTH_REQUIRED, 190/463,     TOKEN_INVALID",
    })
    void shouldFailPermanentErrorsAtOnceWithMetasCode(String fixture, int status, String errorCode,
            String channelErrorCode, CallOutcome.Kind kind) {
        CallOutcome outcome = classifier.classify(status, Fixtures.text(fixture));

        assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Failed.class, failed -> {
            assertThat(failed.errorCode()).isEqualTo(errorCode);
            assertThat(failed.channelErrorCode()).contains(channelErrorCode);
            assertThat(failed.kind()).isEqualTo(kind);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"error-rate-limit-4.json, 400, 4", "error-rate-limit-613.json, 400, 613",
        "error-rate-limit-4.json, 429, 4"})
    void shouldRetryRateLimitsAndPauseTheAccount(String fixture, int status, String code) {
        CallOutcome outcome = classifier.classify(status, Fixtures.text(fixture));

        assertThat(outcome).isEqualTo(new CallOutcome.Retry("rate limited (" + code + ")", Optional.of(code), true,
                false));
    }

    @Test
    void shouldRetryTheTransientErrorFixture() {
        assertThat(classifier.classify(500, Fixtures.text("error-transient.json")))
                .isInstanceOfSatisfying(CallOutcome.Retry.class, r -> assertThat(r.rateLimited()).isFalse());
    }

    @ParameterizedTest
    @CsvSource({"1, 400", "2, 400", "1200, 400", "17, 400", "32, 400", "999, 503"})
    void shouldRetryTransientCodes(int code, int status) {
        assertThat(classifier.classify(status, error(code, null))).isInstanceOf(CallOutcome.Retry.class);
    }

    @ParameterizedTest
    @CsvSource({"10, 2018278", "10, 2018065"})
    void shouldTreatMessengerWindowSubcodesAsWindowClosed(int code, int subcode) {
        assertThat(classifier.classify(400, error(code, subcode))).isInstanceOfSatisfying(CallOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(CallOutcome.Kind.WINDOW_CLOSED));
    }

    @ParameterizedTest
    @CsvSource({"10, 400", "100, 400", "200, 403", "230, 400", "299, 400", "551, 400"})
    void shouldFailNamedPermanentCodes(int code, int status) {
        assertThat(classifier.classify(status, error(code, null))).isInstanceOfSatisfying(CallOutcome.Failed.class,
                f -> assertThat(f.channelErrorCode()).contains(Integer.toString(code)));
    }

    @ParameterizedTest
    @CsvSource({"368, , 400", "368, 1390008, 400", "10, 1893063, 403"})
    void shouldRestrictTheAccountForMetasPolicyBlocks(int code, Integer subcode, int status) {
        assertThat(classifier.classify(status, error(code, subcode))).isInstanceOfSatisfying(
                CallOutcome.Failed.class, f -> {
                    assertThat(f.kind()).isEqualTo(CallOutcome.Kind.ACCOUNT_RESTRICTED);
                    assertThat(f.errorCode()).isEqualTo("ACCOUNT_RESTRICTED");
                });
    }

    @Test
    void shouldRetryApplicationLimitReached() {
        assertThat(classifier.classify(400, error(341, null))).isInstanceOfSatisfying(CallOutcome.Retry.class,
                r -> assertThat(r.channelErrorCode()).contains("341"));
    }

    @Test
    void shouldReturnMetasMessageIdOnSuccess() {
        assertThat(classifier.classify(200, Fixtures.text("send-response-ok.json"))).isEqualTo(
                new CallOutcome.Delivered(Optional.of(Fixtures.json("send-response-ok.json").getString("message_id"))));
    }

    @Test
    void shouldAcceptAReactionAnswerWithoutMessageId() {
        assertThat(classifier.classify(200, Fixtures.text("send-response-reaction-ok.json")))
                .isEqualTo(new CallOutcome.Delivered(Optional.empty()));
    }

    @Test
    void shouldRetryA5xxWithoutMetaErrorBody() {
        assertThat(classifier.classify(502, "<html>Bad gateway</html>")).isInstanceOf(CallOutcome.Retry.class);
    }

    @Test
    void shouldFailA4xxWithoutMetaErrorBody() {
        assertThat(classifier.classify(404, "not found")).isInstanceOf(CallOutcome.Failed.class);
    }

    @Test
    void shouldRetryATimeoutAndMarkItPossiblyAccepted() {
        assertThat(classifier.classify(new SocketTimeoutException("Read timed out")))
                .isInstanceOfSatisfying(CallOutcome.Retry.class, r -> assertThat(r.maybeAccepted()).isTrue());
    }

    @Test
    void shouldRetryARefusedConnectionAsNotAccepted() {
        assertThat(classifier.classify(new ConnectException("refused")))
                .isInstanceOfSatisfying(CallOutcome.Retry.class, r -> assertThat(r.maybeAccepted()).isFalse());
    }

    @Test
    void shouldRetryAConnectTimeoutAsNotAccepted() {
        assertThat(classifier.classify(new ConnectTimeoutException("Connect to graph.instagram.com timed out")))
                .isInstanceOfSatisfying(CallOutcome.Retry.class, r -> {
                    assertThat(r.maybeAccepted()).isFalse();
                    assertThat(r.reason()).isEqualTo("timeout");
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"recipient_id\":\"1\",\"message_id\":\"mid.A\"}                 | mid.A",
        "{\"extra\":{\"message_id\":\"inner\"},\"message_id\":\"mid.B\"}  | mid.B",
        "{\"list\":[1,{\"a\":2}],\"message_id\":\"mid.C\",\"z\":true}      | mid.C",
        "{\"recipient_id\":\"1\"}                                           | ''",
        "{\"message_id\":42}                                                | ''",
        "[\"message_id\",\"mid.D\"]                                         | ''",
        "not json                                                          | ''",
        "''                                                                | ''"})
    void shouldReadMetasMessageIdOnlyFromTheTopLevelOfTheAnswer(String body, String expected) {
        assertThat(OutcomeClassifier.messageId(body)).isEqualTo(
                expected.isEmpty() ? Optional.empty() : Optional.of(expected));
    }

    private static String error(int code, Integer subcode) {
        return "{\"error\":{\"message\":\"x\",\"type\":\"OAuthException\",\"code\":" + code
                + (subcode == null ? "" : ",\"error_subcode\":" + subcode) + ",\"fbtrace_id\":\"t\"}}";
    }
}
