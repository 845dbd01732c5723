package io.igrelay.processor.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.EncryptedValue;
import io.igrelay.avro.HubEventType;
import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookEvent;
import io.igrelay.avro.WebhookEventType;
import io.igrelay.avro.WebhookRegistration;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookFoldProcessorTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private static WebhookRegistration registration(String endpoint) {
        return WebhookRegistration.newBuilder().setLabel("l").setEndpoint(endpoint)
                .setEventType(HubEventType.Message).build();
    }

    private static WebhookEvent event(WebhookEventType type, Instant at) {
        return WebhookEvent.newBuilder().setEventId("e").setWebhookId("w").setApplicationId("app").setType(type)
                .setAt(at).build();
    }

    private static EncryptedValue secret(String id) {
        return new EncryptedValue(id, ByteBuffer.wrap(new byte[] {1}));
    }

    private static Webhook registeredAndVerified() {
        WebhookEvent registered = event(WebhookEventType.REGISTERED, T0);
        registered.setRegistration(registration("https://a.example/hook"));
        registered.setSecret(secret("s1"));
        return WebhookFoldProcessor.apply(WebhookFoldProcessor.apply(null, registered),
                event(WebhookEventType.VERIFIED, T0.plusSeconds(1)));
    }

    @Test
    void shouldRequireVerificationAgainWhenTheEndpointChanges() {
        Webhook verified = registeredAndVerified();
        assertThat(verified.getVerified()).isTrue();
        WebhookEvent updated = event(WebhookEventType.UPDATED, T0.plusSeconds(2));
        updated.setRegistration(registration("https://b.example/hook"));
        assertThat(WebhookFoldProcessor.apply(verified, updated).getVerified()).isFalse();
    }

    @Test
    void shouldPutARotatedSecretFirstAndKeepTheOldOneUntilTheOverlapEnds() {
        WebhookEvent rotated = event(WebhookEventType.SECRET_ROTATED, T0.plusSeconds(10));
        rotated.setSecret(secret("s2"));
        rotated.setPreviousSecretsUntil(T0.plusSeconds(3600));
        Webhook next = WebhookFoldProcessor.apply(registeredAndVerified(), rotated);
        assertThat(next.getSecrets()).extracting(s -> s.getSecret().getKeyId()).containsExactly("s2", "s1");
        assertThat(next.getSecrets().get(1).getValidUntil()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void shouldTombstoneADeletedWebhookAndIgnoreEventsForUnknownOnes() {
        assertThat(WebhookFoldProcessor.apply(registeredAndVerified(), event(WebhookEventType.DELETED, T0)))
                .isNull();
        assertThat(WebhookFoldProcessor.apply(null, event(WebhookEventType.DISABLED, T0))).isNull();
    }

    @Test
    void shouldDisableAndEnable() {
        Webhook disabled = WebhookFoldProcessor.apply(registeredAndVerified(), event(WebhookEventType.DISABLED, T0));
        assertThat(disabled.getEnabled()).isFalse();
        assertThat(WebhookFoldProcessor.apply(disabled, event(WebhookEventType.ENABLED, T0)).getEnabled()).isTrue();
    }
}
