package io.igrelay.ingress.api;

import static io.igrelay.ingress.api.ApiTestBed.CHANNEL;
import static io.igrelay.ingress.api.ApiTestBed.IGSID;
import static io.igrelay.ingress.api.ApiTestBed.OTHER_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Author;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.TextContent;
import io.igrelay.ingress.config.ApiSettings;
import io.igrelay.schemas.topics.Topics;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /v1/communication/instagram/message through the real OpenAPI router, without a broker. */
class SendMessageApiTest {

    private static ApiTestBed bed;

    @BeforeAll
    static void start() {
        bed = new ApiTestBed(new ApiSettings(1000, java.time.Duration.ofHours(24), java.time.Duration.ofSeconds(1),
                64 * 1024));
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @BeforeEach
    void openWindow() {
        bed.publisher.records.clear();
        bed.publisher.failing = false;
        bed.processor.down = false;
        bed.processor.window(IGSID, CHANNEL, "OPEN");
    }

    private static String request(String content) {
        return "{\"from\":\"@acme.store\",\"to\":\"" + IGSID + "\",\"content\":" + content + "}";
    }

    private static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }

    private static OutboundMessage onlyOutbound() {
        assertThat(bed.publisher.valuesOn(Topics.OUTBOUND_REQUESTS)).hasSize(1);
        return (OutboundMessage) bed.publisher.valuesOn(Topics.OUTBOUND_REQUESTS).get(0);
    }

    @Test
    void shouldEnqueueTextAndAnswer202WithTheMessageId() {
        HttpResponse<String> response = bed.post(request("{\"text\":\"hello 👋\"}"));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonObject body = json(response);
        assertThat(body.getString("status")).isEqualTo("enqueued");
        OutboundMessage message = onlyOutbound();
        assertThat(message.getMessageId()).isEqualTo(body.getString("messageId"));
        assertThat(message.getApplicationId()).isEqualTo(ApiTestBed.APP);
        assertThat(message.getFrom()).isEqualTo("@acme.store");
        assertThat(message.getTo()).isEqualTo(IGSID);
        assertThat(message.getContent()).isEqualTo(new TextContent("hello 👋"));
        assertThat(message.getAuthoredBy()).isEqualTo(Author.AUTOMATED);
        assertThat(bed.publisher.records.get(0).key()).isEqualTo(IGSID);
    }

    @Test
    void shouldWriteEnqueuedStatusAfterTheRequestWasAcknowledged() {
        bed.post(request("{\"text\":\"hi\"}"));

        assertThat(bed.publisher.records).extracting(RecordingPublisher.Published::topic)
                .containsExactly("ig.outbound.requests", "ig.message.status");
        MessageStatus status = (MessageStatus) bed.publisher.valuesOn(Topics.MESSAGE_STATUS).get(0);
        assertThat(status.getStatus()).isEqualTo(DeliveryState.ENQUEUED);
        assertThat(status.getChannelId()).isEqualTo(CHANNEL);
        assertThat(bed.publisher.records.get(0).headers())
                .as("the request tells the processor's gate that its enqueued is written already")
                .containsEntry(io.igrelay.schemas.topics.RecordHeaders.ENQUEUED_BY, "ingress");
        assertThat(bed.publisher.records.get(1).headers()).isEmpty();
    }

    @Test
    void shouldFindTheChannelByUuidAndByUsernameCaseInsensitively() {
        assertThat(bed.post(request("{\"text\":\"a\"}").replace("x", "x")).statusCode()).isEqualTo(202);
        String byUuid = "{\"from\":\"" + CHANNEL + "\",\"to\":\"" + IGSID + "\",\"content\":{\"text\":\"b\"}}";
        assertThat(bed.post(byUuid).statusCode()).isEqualTo(202);
        String plain = "{\"from\":\"ACME.store\",\"to\":\"" + IGSID + "\",\"content\":{\"text\":\"c\"}}";
        assertThat(bed.post(plain).statusCode()).isEqualTo(202);
    }

    @Test
    void shouldAnswer404ForAnotherApplicationsChannel() {
        String body = "{\"from\":\"" + OTHER_CHANNEL + "\",\"to\":\"" + IGSID + "\",\"content\":{\"text\":\"x\"}}";
        HttpResponse<String> response = bed.post(body);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).getString("errorCode")).isEqualTo("CHANNEL_NOT_FOUND");
        assertThat(json(response).containsKey("messageId")).isTrue();
        assertThat(json(response).getValue("messageId")).isNull();
        assertThat(json(response).getString("status")).isEqualTo("error");
        assertThat(bed.publisher.records).isEmpty();
    }

    @Test
    void shouldAnswer401WithoutAValidKey() {
        HttpResponse<String> missing = bed.send("POST", "/v1/communication/instagram/message",
                request("{\"text\":\"x\"}"), Map.of());
        HttpResponse<String> wrong = bed.send("POST", "/v1/communication/instagram/message",
                request("{\"text\":\"x\"}"), Map.of("x-api-key", bed.apiKey + "x"));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).getString("errorCode")).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void shouldNameTheFieldWhenToIsNotDigits() {
        HttpResponse<String> response = bed.post("{\"from\":\"acme.store\",\"to\":\"12ab\",\"content\":{\"text\":\"x\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).getString("errorCode")).isEqualTo("INVALID_PAYLOAD");
        assertThat(json(response).getString("errorMessage")).startsWith("to:");
    }

    @Test
    void shouldAnswer422NoConversationForAnIgsidThatNeverWrote() {
        HttpResponse<String> response = bed.post("{\"from\":\"acme.store\",\"to\":\"999\",\"content\":{\"text\":\"x\"}}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).getString("errorCode")).isEqualTo("NO_CONVERSATION");
        assertThat(bed.publisher.records).isEmpty();
    }

    @Test
    void shouldAnswer422WindowClosedWhenClosed() {
        bed.processor.window(IGSID, CHANNEL, "CLOSED");
        HttpResponse<String> response = bed.post(request("{\"text\":\"x\"}"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).getString("errorCode")).isEqualTo("WINDOW_CLOSED");
    }

    @Test
    void shouldRefuseSenderActionsAndAutomatedRepliesPast24Hours() {
        bed.processor.window(IGSID, CHANNEL, "HUMAN_AGENT_ONLY");

        assertThat(bed.post(request("{\"typing\":\"on\"}")).statusCode()).isEqualTo(422);
        assertThat(bed.post(request("{\"text\":\"auto\"}")).statusCode()).isEqualTo(422);
        String human = "{\"from\":\"acme.store\",\"to\":\"" + IGSID + "\",\"content\":{\"text\":\"x\"},\"humanAgent\":true}";
        assertThat(bed.post(human).statusCode()).isEqualTo(202);
    }

    @Test
    void shouldRefuseAHumanReplyPast24HoursWhenTheDeploymentDisablesHumanAgent() {
        bed.processor.window(IGSID, CHANNEL, "HUMAN_AGENT_ONLY");
        bed.processor.humanAgentEnabled = false;

        String human = "{\"from\":\"acme.store\",\"to\":\"" + IGSID + "\",\"content\":{\"text\":\"x\"},\"humanAgent\":true}";
        HttpResponse<String> response = bed.post(human);
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(new JsonObject(response.body()).getString("errorCode")).isEqualTo("WINDOW_CLOSED");
        assertThat(new JsonObject(response.body()).getString("errorMessage")).contains("human agent disabled");
    }

    @Test
    void shouldEnqueueWhenTheProcessorCannotBeAsked() {
        bed.processor.down = true;

        assertThat(bed.post("{\"from\":\"acme.store\",\"to\":\"999\",\"content\":{\"text\":\"x\"}}").statusCode())
                .isEqualTo(202);
    }

    @Test
    void shouldAnswer503WhenKafkaRefusesTheRecord() {
        bed.publisher.failing = true;
        HttpResponse<String> response = bed.post(request("{\"text\":\"x\"}"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).getString("errorCode")).isEqualTo("INTERNAL");
        assertThat(response.body()).doesNotContain("broker down").doesNotContain("Exception");
    }

    @Test
    void shouldReturnTheFirstAnswerForARepeatedIdempotencyKey() {
        Map<String, String> headers = Map.of("x-api-key", bed.apiKey, "Idempotency-Key", "order-1");
        HttpResponse<String> first = bed.send("POST", "/v1/communication/instagram/message",
                request("{\"text\":\"x\"}"), headers);
        HttpResponse<String> repeat = bed.send("POST", "/v1/communication/instagram/message",
                request("{\"text\":\"x\"}"), headers);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(repeat.statusCode()).isEqualTo(202);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(bed.publisher.valuesOn(Topics.OUTBOUND_REQUESTS)).hasSize(1);
        assertThat(onlyOutbound().getIdempotencyKey()).isEqualTo("order-1");
    }

    @Test
    void shouldEnqueueARepeatThatReachesAnotherReplicaUnderTheSameMessageId() {
        Map<String, String> headers = Map.of("x-api-key", bed.apiKey, "Idempotency-Key", "order-2");
        HttpResponse<String> first = bed.send("POST", "/v1/communication/instagram/message",
                request("{\"text\":\"x\"}"), headers);
        String firstId = json(first).getString("messageId");
        try (ApiTestBed replica = new ApiTestBed(new ApiSettings(1000, java.time.Duration.ofHours(24),
                java.time.Duration.ofSeconds(1), 64 * 1024))) {
            replica.processor.window(IGSID, CHANNEL, "OPEN");
            HttpResponse<String> repeat = replica.send("POST", "/v1/communication/instagram/message",
                    request("{\"text\":\"x\"}"), Map.of("x-api-key", replica.apiKey, "Idempotency-Key", "order-2"));
            HttpResponse<String> otherKey = replica.send("POST", "/v1/communication/instagram/message",
                    request("{\"text\":\"x\"}"), Map.of("x-api-key", replica.apiKey, "Idempotency-Key", "order-3"));

            assertThat(repeat.statusCode()).isEqualTo(202);
            assertThat(json(repeat).getString("messageId")).isEqualTo(firstId);
            assertThat(json(otherKey).getString("messageId")).isNotEqualTo(firstId);
            assertThat(replica.publisher.valuesOn(Topics.OUTBOUND_REQUESTS)).extracting("messageId")
                    .containsExactly(firstId, json(otherKey).getString("messageId"));
        }
        assertThat(OutboundRequests.messageId(ApiTestBed.APP, "999", java.util.Optional.of("order-2")))
                .isNotEqualTo(firstId);
        assertThat(OutboundRequests.messageId(ApiTestBed.OTHER_APP, IGSID, java.util.Optional.of("order-2")))
                .isNotEqualTo(firstId);
    }

    @Test
    void shouldNotShareIdempotencyKeysBetweenApplications() {
        bed.processor.window(IGSID, OTHER_CHANNEL, "OPEN");
        String other = "{\"from\":\"other.shop\",\"to\":\"" + IGSID + "\",\"content\":{\"text\":\"x\"}}";
        bed.send("POST", "/v1/communication/instagram/message", other,
                Map.of("x-api-key", bed.otherApiKey, "Idempotency-Key", "shared"));
        bed.processor.window(IGSID, CHANNEL, "OPEN");
        HttpResponse<String> mine = bed.send("POST", "/v1/communication/instagram/message",
                request("{\"text\":\"x\"}"), Map.of("x-api-key", bed.apiKey, "Idempotency-Key", "shared"));

        assertThat(mine.statusCode()).isEqualTo(202);
        assertThat(bed.publisher.valuesOn(Topics.OUTBOUND_REQUESTS)).hasSize(2);
    }

    @Test
    void shouldNeverAnswerAStackTraceForMalformedJson() {
        HttpResponse<String> response = bed.post("{\"from\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).getString("errorCode")).isEqualTo("INVALID_PAYLOAD");
        assertThat(response.body()).doesNotContain("at io.").doesNotContain("Exception");
    }
}
