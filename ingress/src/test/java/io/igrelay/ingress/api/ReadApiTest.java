package io.igrelay.ingress.api;

import static io.igrelay.ingress.api.ApiTestBed.CHANNEL;
import static io.igrelay.ingress.api.ApiTestBed.IGSID;
import static io.igrelay.ingress.api.ApiTestBed.OTHER_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionSubject;
import io.igrelay.ingress.config.ApiSettings;
import io.igrelay.schemas.topics.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Message status, channels, contact erasure, the served document and the rate limit, without a broker. */
class ReadApiTest {

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
        bed.processor.window(IGSID, CHANNEL, "OPEN");
    }

    @Test
    void shouldAnswerEnqueuedRightAfterAcceptanceBeforeTheProcessorKnowsTheMessage() {
        String id = new JsonObject(bed.post("{\"from\":\"acme.store\",\"to\":\"" + IGSID
                + "\",\"content\":{\"text\":\"x\"}}").body()).getString("messageId");

        HttpResponse<String> status = bed.get("/v1/communication/instagram/message/" + id);

        assertThat(status.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(status.body());
        assertThat(body.getString("status")).isEqualTo("enqueued");
        assertThat(body.getJsonArray("history")).hasSize(1);
    }

    @Test
    void shouldAnswerTheProcessorsStatusWithoutTheApplicationId() {
        String id = "5f0c8a8e-8a53-4c1f-9a7e-0d8f3e1b2c4d";
        bed.processor.statuses.put(id, new JsonObject().put("messageId", id).put("status", "sent")
                .put("applicationId", ApiTestBed.APP).put("metaMessageIds", new JsonArray().add("mid.1"))
                .put("updatedAt", "2026-11-23T21:15:02.311Z").put("history", new JsonArray()));

        JsonObject body = new JsonObject(bed.get("/v1/communication/instagram/message/" + id).body());

        assertThat(body.getString("status")).isEqualTo("sent");
        assertThat(body.containsKey("applicationId")).isFalse();
    }

    @Test
    void shouldAnswer404ForAnotherApplicationsMessage() {
        String id = "6f0c8a8e-8a53-4c1f-9a7e-0d8f3e1b2c4d";
        bed.processor.statuses.put(id, new JsonObject().put("messageId", id).put("status", "sent")
                .put("applicationId", ApiTestBed.OTHER_APP));

        HttpResponse<String> response = bed.get("/v1/communication/instagram/message/" + id);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(response.body()).getString("errorCode")).isEqualTo("MESSAGE_NOT_FOUND");
    }

    @Test
    void shouldListOnlyTheCallersChannelsWithoutTokens() {
        HttpResponse<String> response = bed.get("/v1/channels");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getJsonArray("data")).hasSize(1);
        JsonObject channel = body.getJsonArray("data").getJsonObject(0);
        assertThat(channel.getString("channelId")).isEqualTo(CHANNEL);
        assertThat(channel.fieldNames()).containsExactlyInAnyOrder("channelId", "username", "igUserId", "flavour",
                "status", "connectedAt", "tokenExpiresAt");
        assertThat(body.getJsonObject("pagination").getMap())
                .containsEntry("offset", 0).containsEntry("limit", 20).containsEntry("total", 1)
                .containsEntry("totalPages", 1);
    }

    @Test
    void shouldRefuseALimitOver50() {
        assertThat(bed.get("/v1/channels?limit=51").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAnswerOneChannelAnd404ForAnotherApplicationsChannel() {
        assertThat(bed.get("/v1/channels/" + CHANNEL).statusCode()).isEqualTo(200);
        HttpResponse<String> other = bed.get("/v1/channels/" + OTHER_CHANNEL);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(other.body()).getString("errorCode")).isEqualTo("CHANNEL_NOT_FOUND");
    }

    @Test
    void shouldRequestErasureOfAContactThatWroteToTheCallersChannel() {
        HttpResponse<String> response = bed.send("DELETE", "/v1/communication/instagram/contacts/" + IGSID, null,
                Map.of("x-api-key", bed.apiKey));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonObject body = new JsonObject(response.body());
        String code = body.getString("confirmationCode");
        assertThat(code).matches("[0-9a-f]{32}");
        assertThat(body.getString("statusUrl")).isEqualTo("http://hub.test/meta/data-deletion/" + code);
        DeletionRequest request = (DeletionRequest) bed.publisher.valuesOn(Topics.DELETIONS).get(0);
        assertThat(request.getSubjectType()).isEqualTo(DeletionSubject.IGSID);
        assertThat(request.getSubjectId()).isEqualTo(IGSID);
        assertThat(request.getApplicationId()).isEqualTo(ApiTestBed.APP);
        assertThat(bed.publisher.records.get(0).key()).isEqualTo(code);
    }

    @Test
    void shouldAnswer404ForErasureOfSomeoneElsesContact() {
        bed.processor.window("555", OTHER_CHANNEL, "OPEN");

        assertThat(bed.send("DELETE", "/v1/communication/instagram/contacts/555", null,
                Map.of("x-api-key", bed.apiKey)).statusCode()).isEqualTo(404);
        assertThat(bed.send("DELETE", "/v1/communication/instagram/contacts/777", null,
                Map.of("x-api-key", bed.apiKey)).statusCode()).isEqualTo(404);
        assertThat(bed.publisher.records).isEmpty();
    }

    @Test
    void shouldServeTheOpenApiDocumentWithoutAKey() {
        HttpResponse<String> response = bed.send("GET", "/v1/openapi.yaml", null, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("yaml"));
        assertThat(response.body()).startsWith("openapi: 3.1.0").contains("operationId: sendMessage");
    }

    @Test
    void shouldAnswerUnknownEndpointsInTheErrorShape() {
        HttpResponse<String> response = bed.get("/v1/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(response.body()).getString("status")).isEqualTo("error");
    }
}
