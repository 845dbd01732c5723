package io.igrelay.ingress.api;

import static io.igrelay.ingress.api.ApiTestBed.CHANNEL;
import static io.igrelay.ingress.api.ApiTestBed.IGSID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.SubscriptionCheck;
import io.igrelay.avro.SubscriptionCheckOutcome;
import io.igrelay.ingress.config.ApiSettings;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The answers the API gives match the response schemas of docs/openapi.yaml: requests are validated by the router,
 * responses here, so neither half of the document can drift from the behaviour.
 */
class ResponseShapesTest {

    private static ApiTestBed bed;
    private static ResponseValidator validator;

    @BeforeAll
    static void start() {
        bed = new ApiTestBed(new ApiSettings(1000, Duration.ofHours(24), Duration.ofSeconds(1), 64 * 1024));
        validator = ResponseValidator.create(bed.vertx,
                OpenAPIContract.from(bed.vertx, ApiRouter.CONTRACT).await());
        bed.processor.window(IGSID, CHANNEL, "OPEN");
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    private static void assertMatches(String operationId, HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        ValidatableResponse validatable = ValidatableResponse.create(response.statusCode(), Map.of(),
                Buffer.buffer(response.body()), "application/json");
        assertThatCode(() -> validator.validate(validatable, operationId).await()).as(response.body())
                .doesNotThrowAnyException();
    }

    private static String text(String to) {
        return "{\"from\":\"acme.store\",\"to\":\"" + to + "\",\"content\":{\"text\":\"x\"}}";
    }

    @Test
    void shouldAnswerSendMessageAsDocumented() {
        assertMatches("sendMessage", bed.post(text(IGSID)), 202);
        assertMatches("sendMessage", bed.post(text("abc")), 400);
        assertMatches("sendMessage", bed.post("{\"from\":\"@nobody\",\"to\":\"1\",\"content\":{\"text\":\"x\"}}"), 404);
        assertMatches("sendMessage", bed.post(text("999")), 422);
    }

    @Test
    void shouldAnswerStatusChannelsAndErasureAsDocumented() {
        String id = new JsonObject(bed.post(text(IGSID)).body()).getString("messageId");

        assertMatches("getMessageStatus", bed.get("/v1/communication/instagram/message/" + id), 200);
        assertMatches("getMessageStatus",
                bed.get("/v1/communication/instagram/message/00000000-0000-0000-0000-000000000000"), 404);
        assertMatches("listChannels", bed.get("/v1/channels"), 200);
        assertMatches("getChannel", bed.get("/v1/channels/" + CHANNEL), 200);
        assertMatches("eraseContact", bed.send("DELETE", "/v1/communication/instagram/contacts/" + IGSID, null,
                Map.of("x-api-key", bed.apiKey)), 202);
    }

    @Test
    void shouldAnswerAChannelWithItsLastSubscriptionCheckAsDocumented() {
        String id = "2d6b7e3a-4c9f-4e5b-9f90-4b8c5d3e1a32";
        bed.channels.put(Channel.newBuilder(InMemoryChannels.channel(id, ApiTestBed.APP, "checked.shop",
                ChannelStatus.ACTIVE)).setSubscriptionCheck(SubscriptionCheck.newBuilder()
                .setCheckedAt(Instant.parse("2026-12-07T08:00:00Z")).setOutcome(SubscriptionCheckOutcome.REPAIRED)
                .setMissingFields(List.of("messages")).build()).build());

        HttpResponse<String> response = bed.get("/v1/channels/" + id);

        assertMatches("getChannel", response, 200);
        JsonObject check = new JsonObject(response.body()).getJsonObject("subscriptionCheck");
        assertThat(check.getString("outcome")).isEqualTo("REPAIRED");
        assertThat(check.getString("checkedAt")).isEqualTo("2026-12-07T08:00:00Z");
        assertThat(check.getJsonArray("missingFields")).containsExactly("messages");
        assertThat(check.containsKey("detail")).isFalse();
    }

    @Test
    void shouldNoticeAnAnswerThatIsNotDocumented() {
        ValidatableResponse wrong = ValidatableResponse.create(202, Map.of(),
                Buffer.buffer("{\"messageId\":\"x\",\"status\":\"sent\"}"), "application/json");

        assertThatCode(() -> validator.validate(wrong, "sendMessage").await()).isInstanceOf(RuntimeException.class);
    }
}
