package io.igrelay.ingress.api;

import static io.igrelay.ingress.api.ApiTestBed.IGSID;
import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.CommentActionKind;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.TextContent;
import io.igrelay.ingress.config.ApiSettings;
import io.igrelay.schemas.topics.Topics;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The comment operations (replyToComment, moderateComment) through the real OpenAPI router, without a broker. */
class CommentOperationsApiTest {

    private static final String COMMENT = "17919697626119712";
    private static ApiTestBed bed;

    @BeforeAll
    static void start() {
        bed = new ApiTestBed(new ApiSettings(1000, Duration.ofHours(24), Duration.ofSeconds(1), 64 * 1024));
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @BeforeEach
    void reset() {
        bed.publisher.records.clear();
        bed.processor.down = false;
        bed.processor.comments.clear();
    }

    private static HttpResponse<String> post(String path, String body) {
        return bed.send("POST", "/v1/communication/instagram/comments/" + COMMENT + path, body,
                Map.of("x-api-key", bed.apiKey));
    }

    private static HttpResponse<String> reply(boolean privately) {
        return post("/replies", "{\"from\":\"@acme.store\",\"to\":\"" + IGSID
                + "\",\"text\":\"It is 49 EUR\",\"private\":" + privately + "}");
    }

    private static void commentKnown(String account, JsonObject verdict) {
        bed.processor.comments.put(IGSID + "/" + COMMENT, new JsonObject().put("commentId", COMMENT)
                .put("igsid", IGSID).put("igAccountId", account).put("privateReply", verdict));
    }

    private static OutboundMessage onlyOutbound() {
        assertThat(bed.publisher.valuesOn(Topics.OUTBOUND_REQUESTS)).hasSize(1);
        return (OutboundMessage) bed.publisher.valuesOn(Topics.OUTBOUND_REQUESTS).get(0);
    }

    private static String account() {
        return bed.channels.byId(ApiTestBed.CHANNEL).orElseThrow().getIgUserId();
    }

    @Test
    void shouldEnqueueAPublicReplyKeyedByTheAuthorWithoutAskingTheProcessor() {
        bed.processor.down = true;

        HttpResponse<String> response = reply(false);

        assertThat(response.statusCode()).isEqualTo(202);
        OutboundMessage message = onlyOutbound();
        assertThat(message.getComment().getAction()).isEqualTo(CommentActionKind.PUBLIC_REPLY);
        assertThat(message.getComment().getCommentId()).isEqualTo(COMMENT);
        assertThat(message.getContent()).isEqualTo(new TextContent("It is 49 EUR"));
        assertThat(bed.publisher.records.get(0).key()).isEqualTo(IGSID);
        assertThat(new JsonObject(response.body()).getString("messageId")).isEqualTo(message.getMessageId());
    }

    @Test
    void shouldEnqueueAPrivateReplyTheRuleAllows() {
        commentKnown(account(), new JsonObject().put("allowed", true));

        assertThat(reply(true).statusCode()).isEqualTo(202);
        assertThat(onlyOutbound().getComment().getAction()).isEqualTo(CommentActionKind.PRIVATE_REPLY);
    }

    @Test
    void shouldRefuseASecondPrivateReplyUpFront() {
        commentKnown(account(), new JsonObject().put("allowed", false).put("errorCode", "PRIVATE_REPLY_USED")
                .put("errorMessage", "comment " + COMMENT + " already has its private reply"));

        HttpResponse<String> response = reply(true);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(new JsonObject(response.body()).getString("errorCode")).isEqualTo("PRIVATE_REPLY_USED");
        assertThat(bed.publisher.records).isEmpty();
    }

    @Test
    void shouldRefuseAnExpiredPrivateReplyUpFront() {
        commentKnown(account(), new JsonObject().put("allowed", false).put("errorCode", "PRIVATE_REPLY_EXPIRED")
                .put("errorMessage", "a private reply is possible for 7 days"));

        assertThat(new JsonObject(reply(true).body()).getString("errorCode")).isEqualTo("PRIVATE_REPLY_EXPIRED");
        assertThat(bed.publisher.records).isEmpty();
    }

    @Test
    void shouldRefuseAPrivateReplyToACommentUnknownOrOnAnotherAccount() {
        assertThat(new JsonObject(reply(true).body()).getString("errorCode")).isEqualTo("COMMENT_NOT_FOUND");
        commentKnown("17840000000000000", new JsonObject().put("allowed", true));
        assertThat(new JsonObject(reply(true).body()).getString("errorCode")).isEqualTo("COMMENT_NOT_FOUND");
        assertThat(bed.publisher.records).isEmpty();
    }

    @Test
    void shouldEnqueueAPrivateReplyWhenTheProcessorCannotBeAsked() {
        bed.processor.down = true;

        assertThat(reply(true).statusCode()).isEqualTo(202);
        assertThat(onlyOutbound().getComment().getAction()).isEqualTo(CommentActionKind.PRIVATE_REPLY);
    }

    @Test
    void shouldEnqueueHideUnhideAndDeleteInOrder() {
        for (String action : new String[] {"hide", "unhide", "delete"}) {
            assertThat(post("/moderation", "{\"from\":\"@acme.store\",\"to\":\"" + IGSID + "\",\"action\":\""
                    + action + "\"}").statusCode()).isEqualTo(202);
        }
        assertThat(bed.publisher.valuesOn(Topics.OUTBOUND_REQUESTS)).extracting(v ->
                ((OutboundMessage) v).getComment().getAction()).containsExactly(CommentActionKind.HIDE,
                CommentActionKind.UNHIDE, CommentActionKind.DELETE);
    }

    @Test
    void shouldRejectAnUnknownModerationActionAndAReplyWithoutText() {
        HttpResponse<String> pin = post("/moderation", "{\"from\":\"@acme.store\",\"to\":\"" + IGSID
                + "\",\"action\":\"pin\"}");
        HttpResponse<String> empty = post("/replies", "{\"from\":\"@acme.store\",\"to\":\"" + IGSID + "\"}");

        assertThat(pin.statusCode()).isEqualTo(400);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(bed.publisher.records).isEmpty();
    }

    @Test
    void shouldRefuseAReplyOver1000Utf8Bytes() {
        String text = "😀".repeat(251);
        HttpResponse<String> response = post("/replies", "{\"from\":\"@acme.store\",\"to\":\"" + IGSID
                + "\",\"text\":\"" + text + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("errorCode")).isEqualTo("TEXT_TOO_LONG");
    }
}
