package io.igrelay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/*
 * The environment a service gets in an integration test: the shared stack's broker and registry, a unique topic
 * prefix so test classes never see each other's records, test secrets, free ports, and a fresh folder for the
 * services' local webhook stores (deleted when the JVM exits). Also a tiny HTTP GET for probing health and metrics
 * endpoints.
 */
public final class ServiceEnvironment {

    /** The ingress admin API's token in tests: send it as {@code Authorization: Bearer}. */
    public static final String TEST_ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
    public static final String TEST_TOKEN_KEYS = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceEnvironment() {
    }

    /** Variables every service needs, pointing at {@code stack}, with topics under {@code prefix}. */
    public static Map<String, String> base(KafkaStack stack, String prefix) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        env.put("SCHEMA_REGISTRY_URL", stack.registryUrl());
        env.put("TOPIC_PREFIX", prefix);
        env.put("TOPIC_PARTITIONS", "2");
        env.put("TOKEN_ENCRYPTION_KEYS", TEST_TOKEN_KEYS);
        env.put("META_APP_ID", "1001");
        env.put("META_APP_SECRET", "test-meta-secret");
        env.put("INSTAGRAM_APP_ID", "2002");
        env.put("INSTAGRAM_APP_SECRET", "test-instagram-secret");
        env.put("META_VERIFY_TOKEN", "test-verify-token");
        env.put("DEV_MODE", "true");
        env.put("ADMIN_TOKEN", TEST_ADMIN_TOKEN);
        env.put("WEBHOOK_STORE_DIR", storeDir().toString());
        return env;
    }

    /** A fresh folder for a service's local store, removed when the test JVM exits. */
    public static Path storeDir() {
        try {
            Path dir = Files.createTempDirectory("igrelay-webhook-store");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TempFiles.deleteRecursively(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET {@code url}; returns status and body, or status -1 when nothing answers. */
    public static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
