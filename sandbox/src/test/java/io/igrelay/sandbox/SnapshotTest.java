package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.state.IgAccount;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With SANDBOX_DATA_DIR, tokens, windows, subscriptions and the clock offset survive a restart. */
class SnapshotTest {

    @Test
    void shouldKeepTokensWindowsAndSubscriptionsAcrossARestart(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        Map<String, String> env = Map.of("SANDBOX_PORT", "0", "SANDBOX_INSTANCES", "1",
                "SANDBOX_DATA_DIR", dir.toString());
        Sandbox first = Sandbox.start(vertx, SandboxConfig.fromEnv(env)).await();
        String token = first.issueToken("fixture.shop", Flavour.INSTAGRAM_LOGIN);
        String revoked = first.issueToken("fixture.studio", Flavour.INSTAGRAM_LOGIN);
        first.state().tokens().revoke(revoked, 460);
        first.users().openWindow("fixture.shop", "7309182736451928", first.clock().millis());
        first.state().directory().account(SandboxTestBase.A).orElseThrow().subscribe(new IgAccount.Subscription(
                Flavour.INSTAGRAM_LOGIN, List.of("messages"), false, 1));
        first.clock().advance(Duration.ofHours(1));
        first.close().await();
        assertThat(Files.exists(dir.resolve("sandbox-state.json"))).isTrue();

        Sandbox second = Sandbox.start(vertx, SandboxConfig.fromEnv(env)).await();
        assertThat(second.clock().offset()).isEqualTo(Duration.ofHours(1));
        assertThat(second.state().directory().account(SandboxTestBase.A).orElseThrow().subscription()
                .orElseThrow().fields()).containsExactly("messages");
        assertThat(second.state().tokens().isRevoked(revoked)).isTrue();
        var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(second.graphInstagramUrl()
                + "/v23.0/me/messages")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Fixtures.bytes("send-request-text.json"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        second.close().await();
        vertx.close().await();
    }
}
