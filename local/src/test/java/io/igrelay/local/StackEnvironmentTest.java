package io.igrelay.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackEnvironmentTest {

    private static final Path DATA = Path.of("/work/igrelay/.data");

    private final DevSecrets secrets = DevSecrets.generate(new SecureRandom());

    @Test
    void shouldLetAVariableFromTheEnvironmentWinOverItsDevDefault() {
        Map<String, String> launcher = Map.of(
                "META_APP_SECRET", "real-secret",
                "GRAPH_FACEBOOK_URL", "https://graph.facebook.com",
                "DEV_API_KEY", "igr_mine_0123");

        Map<String, String> env = StackEnvironment.build(launcher, secrets, StackPorts.fromEnv(launcher), DATA);

        assertThat(env).containsEntry("META_APP_SECRET", "real-secret")
                .containsEntry("GRAPH_FACEBOOK_URL", "https://graph.facebook.com")
                .containsEntry("DEV_API_KEY", "igr_mine_0123")
                .containsEntry("META_APP_ID", secrets.metaAppId());
    }

    @Test
    void shouldPointTheServicesAtTheSandboxAndTheLocalInfrastructure() {
        Map<String, String> env = StackEnvironment.build(Map.of(), secrets, StackPorts.fromEnv(Map.of()), DATA);

        assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
                .containsEntry("SCHEMA_REGISTRY_URL", "http://localhost:8085/apis/ccompat/v7")
                .containsEntry("GRAPH_FACEBOOK_URL", "http://localhost:8090/graph.facebook.com")
                .containsEntry("GRAPH_INSTAGRAM_URL", "http://localhost:8090/graph.instagram.com")
                .containsEntry("INSTAGRAM_API_URL", "http://localhost:8090/api.instagram.com")
                .containsEntry("FACEBOOK_DIALOG_URL", "http://localhost:8090/www.facebook.com/{version}/dialog/oauth")
                .containsEntry("INSTAGRAM_AUTHORIZE_URL", "http://localhost:8090/www.instagram.com/oauth/authorize")
                .containsEntry("SANDBOX_WEBHOOK_URL", "http://localhost:8080/webhooks/instagram")
                .containsEntry("SANDBOX_DELETION_CALLBACK_URL", "http://localhost:8080/meta/data-deletion")
                .containsEntry("PROCESSOR_STATE_DIR", "/work/igrelay/.data/processor")
                .containsEntry("INGRESS_SPOOL_DIR", "/work/igrelay/.data/ingress-spool")
                .containsEntry("DEV_MODE", "true")
                .containsEntry("TOKEN_ENCRYPTION_KEYS", secrets.tokenEncryptionKeys());
    }

    @Test
    void shouldDeriveTheUrlsFromAMovedPort() {
        Map<String, String> launcher = Map.of("SANDBOX_PORT", "9190", "INGRESS_PORT", "9180");

        Map<String, String> env = StackEnvironment.build(launcher, secrets, StackPorts.fromEnv(launcher), DATA);

        assertThat(env).containsEntry("GRAPH_INSTAGRAM_URL", "http://localhost:9190/graph.instagram.com")
                .containsEntry("SANDBOX_WEBHOOK_URL", "http://localhost:9180/webhooks/instagram")
                .containsEntry("PUBLIC_BASE_URL", "http://localhost:9180");
    }

    @Test
    void shouldPassEveryOtherVariableThrough() {
        Map<String, String> launcher = Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "PATH", "/usr/bin");

        Map<String, String> env = StackEnvironment.build(launcher, secrets, StackPorts.fromEnv(launcher), DATA);

        assertThat(env).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL").containsEntry("PATH", "/usr/bin");
    }
}
