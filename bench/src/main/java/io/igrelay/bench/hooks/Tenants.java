package io.igrelay.bench.hooks;

import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.Flavour;
import io.igrelay.bench.BenchKafka;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.topics.Topics;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sets up the customers of the webhook rows the way the product does: one Application per endpoint, created with
 * the operator's {@code POST /admin/applications} on the ingress's management port; one connected Instagram channel
 * each, published as a CONNECTED event on ig.channel.events as onboarding does (the processor folds it into
 * ig.channels); and one {@code Message} webhook each, registered with the Application's key through
 * {@code POST /v1/organization/webhook}, which verifies the endpoint before the webhook receives anything.
 */
final class Tenants {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HubUnderTest hub;

    Tenants(HubUnderTest hub) {
        this.hub = hub;
    }

    /** Registers {@code count} customers; customer i owns account {@link MetaSender#account}(i) and endpoint i. */
    void register(int count, CustomerEndpoints endpoints) throws Exception {
        TokenCipher cipher = TokenCipher.parse(BenchKafka.TOKEN_KEYS);
        String channelEvents = Topics.CHANNEL_EVENTS.name(hub.prefix());
        try (var producer = new KafkaProducer<String, Object>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                hub.bootstrap(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                BenchKafka.serdes().serializer())) {
            for (int i = 0; i < count; i++) {
                JsonObject app = call("http://127.0.0.1:" + hub.managementPort() + "/admin/applications", null,
                        new JsonObject().put("name", "bench customer " + i), 201);
                String applicationId = app.getString("applicationId");
                Instant now = Instant.now();
                String channelId = UUID.randomUUID().toString();
                producer.send(new ProducerRecord<>(channelEvents, channelId, ChannelEvent.newBuilder()
                        .setEventId(UUID.randomUUID().toString()).setChannelId(channelId)
                        .setType(ChannelEventType.CONNECTED).setApplicationId(applicationId)
                        .setIgUserId(MetaSender.account(i)).setUsername("bench.shop." + i)
                        .setFlavour(Flavour.INSTAGRAM_LOGIN).setToken(cipher.encrypt("bench-token-" + i))
                        .setTokenIssuedAt(now).setAt(now).build())).get();
                JsonObject webhook = call("http://127.0.0.1:" + hub.ingressPort() + "/v1/organization/webhook",
                        app.getString("apiKey"), new JsonObject().put("label", "bench " + i)
                                .put("endpoint", endpoints.url(i)).put("eventType", "Message")
                                .put("authenticationProtocol", "NoAuthentication"), 201);
                if (!Boolean.TRUE.equals(webhook.getBoolean("isVerified"))) {
                    throw new IllegalStateException("webhook " + i + " was not verified: " + webhook.encode());
                }
            }
        }
    }

    private JsonObject call(String url, String apiKey, JsonObject body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (apiKey != null) {
            request.header("x-api-key", apiKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return new JsonObject(response.body());
    }
}
