package io.igrelay.bench.hooks;

import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.Flavour;
import io.igrelay.bench.BenchKafka;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.Topics;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sets up the customers of the webhook rows the way the product does: one Application per endpoint, created with
 * the operator's {@code POST /admin/applications} on the ingress's management port; one connected Instagram channel
 * each, published as a CONNECTED event on ig.channel.events as onboarding does (the processor folds it into
 * ig.channels); and one {@code Message} webhook each, registered with the Application's key through
 * {@code POST /v1/organization/webhook}, which verifies the endpoint before the webhook receives anything (the soak
 * row also registers a {@code MessageStatus} webhook on the same endpoint, and gives each channel a token Meta's
 * side accepts).
 */
public final class Tenants {

    /** One registered customer: its Application, the key it calls the API with, and its channel's account. */
    public record Tenant(String applicationId, String apiKey, String account, String username) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String bootstrap;
    private final String prefix;
    private final int managementPort;
    private final int ingressPort;
    private final AvroSerdes serdes;

    /** For a hub on {@code bootstrap} with topic prefix {@code prefix}, whose registry {@code serdes} write to. */
    public Tenants(String bootstrap, String prefix, int managementPort, int ingressPort, AvroSerdes serdes) {
        this.bootstrap = bootstrap;
        this.prefix = prefix;
        this.managementPort = managementPort;
        this.ingressPort = ingressPort;
        this.serdes = serdes;
    }

    /** Registers {@code count} customers; customer i owns account {@link MetaSender#account}(i) and endpoint i. */
    public List<Tenant> register(int count, CustomerEndpoints endpoints) throws Exception {
        return register(count, endpoints, i -> "bench-token-" + i, List.of("Message"));
    }

    /**
     * The same, customer i's channel holding {@code tokens.apply(i)} and one webhook per event type
     * ({@code Message}, {@code MessageStatus}) on endpoint i.
     */
    public List<Tenant> register(int count, CustomerEndpoints endpoints, IntFunction<String> tokens,
                                 List<String> eventTypes) throws Exception {
        List<Tenant> tenants = new ArrayList<>();
        TokenCipher cipher = TokenCipher.parse(BenchKafka.TOKEN_KEYS);
        String channelEvents = Topics.CHANNEL_EVENTS.name(prefix);
        try (var producer = new KafkaProducer<String, Object>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                serdes.serializer())) {
            for (int i = 0; i < count; i++) {
                JsonObject app = call("http://127.0.0.1:" + managementPort + "/admin/applications", null,
                        new JsonObject().put("name", "bench customer " + i), 201);
                String applicationId = app.getString("applicationId");
                Instant now = Instant.now();
                String channelId = UUID.randomUUID().toString();
                producer.send(new ProducerRecord<>(channelEvents, channelId, ChannelEvent.newBuilder()
                        .setEventId(UUID.randomUUID().toString()).setChannelId(channelId)
                        .setType(ChannelEventType.CONNECTED).setApplicationId(applicationId)
                        .setIgUserId(MetaSender.account(i)).setUsername("bench.shop." + i)
                        .setFlavour(Flavour.INSTAGRAM_LOGIN).setToken(cipher.encrypt(tokens.apply(i)))
                        .setTokenIssuedAt(now).setAt(now).build())).get();
                for (String eventType : eventTypes) {
                    JsonObject webhook = call("http://127.0.0.1:" + ingressPort + "/v1/organization/webhook",
                            app.getString("apiKey"), new JsonObject().put("label", "bench " + i + " " + eventType)
                                    .put("endpoint", endpoints.url(i)).put("eventType", eventType)
                                    .put("authenticationProtocol", "NoAuthentication"), 201);
                    if (!Boolean.TRUE.equals(webhook.getBoolean("isVerified"))) {
                        throw new IllegalStateException("webhook " + i + " was not verified: " + webhook.encode());
                    }
                }
                tenants.add(new Tenant(applicationId, app.getString("apiKey"), MetaSender.account(i),
                        "bench.shop." + i));
            }
        }
        return tenants;
    }

    /**
     * POSTs {@code body}; a 401 for a key just issued is retried for up to 10 s, since the ingress learns of a new
     * Application from its topic a moment after the admin call answered.
     */
    private JsonObject call(String url, String apiKey, JsonObject body, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
            if (apiKey != null) {
                request.header("x-api-key", apiKey);
            } else {
                request.header("authorization", "Bearer " + BenchKafka.ADMIN_TOKEN);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 && apiKey != null && System.nanoTime() < deadline) {
                Thread.sleep(200);
                continue;
            }
            if (response.statusCode() != expected) {
                throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return new JsonObject(response.body());
        }
    }
}
