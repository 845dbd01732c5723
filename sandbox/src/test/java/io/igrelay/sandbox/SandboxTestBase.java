package io.igrelay.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.igrelay.sandbox.state.Directory;
import io.igrelay.sandbox.state.Flavour;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Starts a fresh sandbox per test on a random port, with a fixed base clock (time moves only when a test advances
 * it, so boundaries are exact) and a webhook receiver standing in for the hub; offers a blocking HTTP client.
 */
abstract class SandboxTestBase {
    static final String A = Directory.ACCOUNT_A;
    static final String USER = "7309182736451928";
    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static Vertx vertx;
    static HttpClient http;
    Sandbox sandbox;
    WebhookReceiver hub;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    /** Extra environment for a test class. */
    Map<String, String> env() {
        return Map.of();
    }

    @BeforeEach
    void startSandbox() {
        hub = new WebhookReceiver(vertx);
        Map<String, String> env = new HashMap<>(Map.of("SANDBOX_PORT", "0", "SANDBOX_INSTANCES", "1",
                "SANDBOX_WEBHOOK_URL", hub.url("/webhooks/instagram"),
                "SANDBOX_DELETION_CALLBACK_URL", hub.url("/meta/data-deletion"),
                "SANDBOX_DEAUTHORIZE_CALLBACK_URL", hub.url("/meta/deauthorize")));
        env.putAll(env());
        sandbox = Sandbox.start(vertx, SandboxConfig.fromEnv(env), Clock.fixed(T0, ZoneOffset.UTC)).await();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close().await();
        hub.close();
    }

    String igToken() {
        return sandbox.issueToken(A, Flavour.INSTAGRAM_LOGIN);
    }

    String pageToken() {
        return sandbox.issueToken(A, Flavour.FACEBOOK_LOGIN);
    }

    /** POST a Send API body on the Instagram Login host (Bearer token). */
    HttpResponse<String> sendIg(String token, byte[] body) {
        return call(HttpRequest.newBuilder(URI.create(sandbox.graphInstagramUrl() + "/v23.0/me/messages"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** POST a Send API body on the Facebook Login host (access_token parameter). */
    HttpResponse<String> sendFb(String token, byte[] body) {
        return call(HttpRequest.newBuilder(URI.create(sandbox.graphFacebookUrl() + "/v23.0/me/messages?access_token="
                + token)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpResponse<String> get(String url) {
        return call(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    HttpResponse<String> admin(String method, String path, String json) {
        return call(HttpRequest.newBuilder(URI.create(sandbox.adminUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> postForm(String url, String form) {
        return call(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    static HttpResponse<String> call(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static String text(String text) {
        return "{\"recipient\":{\"id\":\"" + USER + "\"},\"message\":{\"text\":" + JSON.valueToTree(text) + "}}";
    }

    void userWrites() {
        sandbox.users().text(A, USER, "hello");
    }

    void advance(java.time.Duration d) {
        sandbox.clock().advance(d);
    }
}
