package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Private replies (https://developers.facebook.com/docs/instagram-platform/private-replies): a Send API message to
 * recipient.comment_id reaches the commenter without a window, once per comment, within 7 days of the comment on
 * the sandbox clock, on both hosts; the commenter's answer then opens the window as any DM does.
 */
class PrivateReplyTest extends SandboxTestBase {

    private String comment() {
        return sandbox.users().comments().comment("fixture.shop", USER, "price?", null, null, false).mid();
    }

    private static byte[] privateReply(String commentId, String text) {
        return ("{\"recipient\":{\"comment_id\":\"" + commentId + "\"},\"message\":{\"text\":\"" + text + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode error(HttpResponse<String> r) {
        return json(r).path("error");
    }

    @Test
    void shouldDeliverAPrivateReplyToTheCommenterWithoutAWindow() {
        String comment = comment();

        HttpResponse<String> r = sendIg(igToken(), privateReply(comment, "It is 49 EUR"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("recipient_id").asText()).isEqualTo(USER);
        assertThat(json(r).path("message_id").asText()).isNotBlank();
        assertThat(sandbox.state().comments().privateReply(comment)).contains(json(r).path("message_id").asText());
    }

    @Test
    void shouldRefuseASecondPrivateReplyToTheSameCommentOnEitherHost() {
        String comment = comment();
        assertThat(sendFb(pageToken(), privateReply(comment, "first")).statusCode()).isEqualTo(200);

        HttpResponse<String> second = sendIg(igToken(), privateReply(comment, "second"));

        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(error(second).path("code").asInt()).isEqualTo(10900);
        assertThat(error(second).path("message").asText()).contains("already replied");
        assertThat(error(second).path("fbtrace_id").asText()).isNotBlank();
    }

    @Test
    void shouldAcceptAPrivateReplyJustBeforeSevenDaysAndRefuseItAtSevenDays() {
        String late = comment();
        String inTime = comment();
        advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(sendIg(igToken(), privateReply(inTime, "still in time")).statusCode()).isEqualTo(200);
        advance(Duration.ofSeconds(1));

        HttpResponse<String> r = sendIg(igToken(), privateReply(late, "too late"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(error(r).path("code").asInt()).isEqualTo(10);
        assertThat(error(r).path("error_subcode").asInt()).isEqualTo(2534022);
    }

    @Test
    void shouldRefuseAPrivateReplyToAnUnknownCommentOrOneOfAnotherAccount() {
        String other = sandbox.users().comments().comment("fixture.studio", USER, "hi", null, null, false).mid();

        HttpResponse<String> r = sendIg(igToken(), privateReply(other, "hello"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).path("error_subcode").asInt()).isEqualTo(33);
        assertThat(sendIg(igToken(), privateReply("17900000000000000", "hello")).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldLetTheCommentersAnswerOpenTheWindowForOrdinaryMessages() {
        String comment = comment();
        sendIg(igToken(), privateReply(comment, "It is 49 EUR"));
        assertThat(sendIg(igToken(), text("and a DM").getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(403);

        userWrites();

        assertThat(sendIg(igToken(), text("thanks for writing").getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(200);
    }
}
