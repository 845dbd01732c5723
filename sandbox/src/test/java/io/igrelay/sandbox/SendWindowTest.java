package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pins Meta's messaging windows: 24 h standard, 7 days with HUMAN_AGENT (both body forms), strict boundaries. */
class SendWindowTest extends SandboxTestBase {
    static final Duration MS = Duration.ofMillis(1);
    static final Duration DAY = Duration.ofHours(24);
    static final Duration WEEK = Duration.ofDays(7);

    static byte[] igHumanAgent() {
        return Fixtures.bytes("send-request-human-agent-ig-login.json");
    }

    static byte[] fbHumanAgent() {
        return Fixtures.bytes("send-request-human-agent-fb-login.json");
    }

    static byte[] plain() {
        return text("plain reply").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRejectWhenTheUserNeverWrote() {
        var r = sendIg(igToken(), plain());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(10);
        assertThat(json(r).at("/error/error_subcode").asInt()).isEqualTo(2534022);
    }

    @Test
    void shouldAcceptResponseJustBefore24HoursAndRejectAtExactly24Hours() {
        userWrites();
        String token = igToken();
        advance(DAY.minus(MS));
        assertThat(sendIg(token, plain()).statusCode()).isEqualTo(200);
        advance(MS);
        var r = sendIg(token, plain());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).at("/error/type").asText()).isEqualTo("IGApiException");
        assertThat(json(r).at("/error/error_subcode").asInt()).isEqualTo(2534022);
    }

    @Test
    void shouldAcceptIgLoginHumanAgentFrom24HoursUntilJustBefore7Days() {
        userWrites();
        String token = igToken();
        advance(DAY);
        assertThat(sendIg(token, igHumanAgent()).statusCode()).isEqualTo(200);
        advance(WEEK.minus(DAY).minus(MS));
        assertThat(sendIg(token, igHumanAgent()).statusCode()).isEqualTo(200);
        advance(MS);
        var r = sendIg(token, igHumanAgent());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).at("/error/error_subcode").asInt()).isEqualTo(2534022);
    }

    @Test
    void shouldAcceptFbLoginHumanAgentUntilJustBefore7DaysAndRejectAt7Days() {
        userWrites();
        String token = pageToken();
        advance(DAY);
        assertThat(sendFb(token, plain()).statusCode()).isEqualTo(403);
        assertThat(sendFb(token, fbHumanAgent()).statusCode()).isEqualTo(200);
        advance(WEEK.minus(DAY).minus(MS));
        assertThat(sendFb(token, fbHumanAgent()).statusCode()).isEqualTo(200);
        advance(MS);
        var r = sendFb(token, fbHumanAgent());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).at("/error/type").asText()).isEqualTo("OAuthException");
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(10);
    }

    @Test
    void shouldRequireMessageTagTypeForTheTagOnTheFacebookHost() {
        userWrites();
        var r = sendFb(pageToken(), igHumanAgent());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(100);
    }

    @Test
    void shouldRejectSenderActionsAfter24HoursEvenInsideTheHumanAgentWindow() {
        userWrites();
        String token = igToken();
        advance(DAY.plusHours(1));
        var r = sendIg(token, Fixtures.bytes("send-request-typing-on.json"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).at("/error/error_subcode").asInt()).isEqualTo(2534022);
    }

    @Test
    void shouldReopenTheWindowWhenTheUserWritesAgainButNotOnSeenReceipts() {
        userWrites();
        String token = igToken();
        advance(DAY.plusHours(1));
        sandbox.users().seen(A, USER, "some-mid");
        assertThat(sendIg(token, plain()).statusCode()).isEqualTo(403);
        sandbox.users().postback(A, USER, "Reserve one", "RESERVE");
        assertThat(sendIg(token, plain()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldOpenASevenDayStandardWindowForTheFirstMessageAfterAnAd() {
        var content = io.igrelay.sandbox.wire.MetaJson.object().put("text", "I saw your ad");
        content.putObject("referral").put("ref", "winter").put("source", "ADS").put("type", "OPEN_THREAD");
        sandbox.users().message(A, USER, content);
        advance(Duration.ofDays(3));
        assertThat(sendIg(igToken(), plain()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRunHumanAgentFromTheLastMessageNotFromALaterReactionOrPostback() {
        userWrites();
        String token = igToken();
        advance(Duration.ofDays(6));
        sandbox.users().postback(A, USER, "Reserve one", "RESERVE");
        advance(DAY.plusHours(1));
        var r = sendIg(token, igHumanAgent());
        assertThat(r.statusCode()).as("7 days after the message, 25 h after the postback").isEqualTo(403);
        assertThat(json(r).at("/error/error_subcode").asInt()).isEqualTo(2534022);
    }

    @Test
    void shouldNotOpenTheWindowOnAnUnreactEditOptinOrHandover() {
        userWrites();
        String token = igToken();
        assertThat(sendIg(token, plain()).statusCode()).isEqualTo(200);
        advance(DAY.plusHours(1));
        sandbox.users().reaction(A, USER, null, "unreact", null, null);
        sandbox.users().edit(A, USER, null, "edited text", 1);
        sandbox.users().optin(A, USER, "P", "Weekly");
        sandbox.users().handover(A, USER, "pass", "m");
        assertThat(sendIg(token, plain()).statusCode()).isEqualTo(403);
    }
}
