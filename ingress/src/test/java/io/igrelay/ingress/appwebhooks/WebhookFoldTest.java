package io.igrelay.ingress.appwebhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.EncryptedValue;
import io.igrelay.avro.HubEventType;
import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookEvent;
import io.igrelay.avro.WebhookEventType;
import io.igrelay.avro.WebhookRegistration;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookFoldTest {

    private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");
    private static final WebhookRegistration REG = WebhookRegistration.newBuilder().setLabel("l")
            .setEndpoint("https://a.example/h").setEventType(HubEventType.Message).build();

    private static EncryptedValue secret(String tag) {
        return new EncryptedValue("k1", ByteBuffer.wrap(tag.getBytes()));
    }

    private static WebhookEvent.Builder event(WebhookEventType type, Instant at) {
        return WebhookEvent.newBuilder().setEventId("e").setWebhookId("w").setApplicationId("app").setType(type)
                .setAt(at);
    }

    private static Optional<Webhook> registered() {
        return WebhookFold.apply(Optional.empty(), event(WebhookEventType.REGISTERED, T0).setRegistration(REG)
                .setSecret(secret("one")).build());
    }

    @Test
    void shouldRegisterUnverifiedEnabledWithOneSecret() {
        Webhook w = registered().orElseThrow();
        assertThat(w.getVerified()).isFalse();
        assertThat(w.getEnabled()).isTrue();
        assertThat(w.getSecrets()).hasSize(1);
    }

    @Test
    void shouldKeepTheOldSecretUntilTheOverlapEnds() {
        Instant until = T0.plus(Duration.ofHours(24));
        Webhook w = WebhookFold.apply(registered(), event(WebhookEventType.SECRET_ROTATED, T0.plusSeconds(1))
                .setSecret(secret("two")).setPreviousSecretsUntil(until).build()).orElseThrow();
        assertThat(w.getSecrets()).hasSize(2);
        assertThat(w.getSecrets().get(0).getValidUntil()).isNull();
        assertThat(w.getSecrets().get(1).getValidUntil()).isEqualTo(until);
    }

    @Test
    void shouldRequireVerificationAgainWhenTheEndpointMoves() {
        Optional<Webhook> verified = WebhookFold.apply(registered(), event(WebhookEventType.VERIFIED, T0).build());
        assertThat(verified.orElseThrow().getVerified()).isTrue();
        WebhookRegistration moved = WebhookRegistration.newBuilder(REG).setEndpoint("https://b.example/h").build();
        Webhook w = WebhookFold.apply(verified, event(WebhookEventType.UPDATED, T0.plusSeconds(5))
                .setRegistration(moved).build()).orElseThrow();
        assertThat(w.getVerified()).isFalse();
    }

    @Test
    void shouldDisableWithReasonAndEnableAgain() {
        Optional<Webhook> off = WebhookFold.apply(registered(), event(WebhookEventType.DISABLED, T0)
                .setReason("endpoint answered 410 Gone").build());
        assertThat(off.orElseThrow().getEnabled()).isFalse();
        assertThat(off.orElseThrow().getDisabledReason()).contains("410");
        Webhook on = WebhookFold.apply(off, event(WebhookEventType.ENABLED, T0).build()).orElseThrow();
        assertThat(on.getEnabled()).isTrue();
        assertThat(on.getDisabledReason()).isNull();
    }

    @Test
    void shouldForgetADeletedWebhook() {
        assertThat(WebhookFold.apply(registered(), event(WebhookEventType.DELETED, T0).build())).isEmpty();
    }
}
