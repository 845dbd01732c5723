package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The programmatic API other modules use: several instances on one random port, base URLs, clean close. */
class SandboxLifecycleTest {

    @Test
    void shouldServeFromSeveralInstancesOnOneRandomPortAndClose() throws Exception {
        Vertx vertx = Vertx.vertx();
        Sandbox sandbox = Sandbox.start(vertx, SandboxConfig.fromEnv(Map.of("SANDBOX_PORT", "0",
                "SANDBOX_INSTANCES", "2"))).await();
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 4; i++) {
            var r = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + (i % 2 == 0 ? "/health" : "/health/ready"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        assertThat(sandbox.graphFacebookUrl()).isEqualTo("http://localhost:" + sandbox.port() + "/graph.facebook.com");
        assertThat(sandbox.facebookDialogUrl()).endsWith("/www.facebook.com/v27.0/dialog/oauth");
        assertThat(vertx.deploymentIDs()).isNotEmpty();
        sandbox.close().await();
        assertThat(vertx.deploymentIDs()).isEmpty();
        vertx.close().await();
    }
}
