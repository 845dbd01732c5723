package io.igrelay.schemas.contract;

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
import org.junit.jupiter.api.Test;

class WebhookFoldTest {

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

    private static Webhook registered() {
        WebhookEvent registered = event(WebhookEventType.REGISTERED, T0);
        registered.setRegistration(registration("https://a.example/hook"));
        registered.setSecret(secret("s1"));
        return WebhookFold.apply(null, registered);
    }

    private static Webhook registeredAndVerified() {
        return WebhookFold.apply(registered(), event(WebhookEventType.VERIFIED, T0.plusSeconds(1)));
    }

    @Test
    void shouldRegisterUnverifiedEnabledWithOneCurrentSecret() {
        Webhook w = registered();
        assertThat(w.getVerified()).isFalse();
        assertThat(w.getVerifiedAt()).isNull();
        assertThat(w.getEnabled()).isTrue();
        assertThat(w.getApplicationId()).isEqualTo("app");
        assertThat(w.getCreatedAt()).isEqualTo(T0);
        assertThat(w.getSecrets()).singleElement().satisfies(s -> assertThat(s.getValidUntil()).isNull());
    }

    @Test
    void shouldRequireVerificationAgainWhenTheEndpointChangesButNotWhenOnlyTheLabelDoes() {
        Webhook verified = registeredAndVerified();
        assertThat(verified.getVerified()).isTrue();
        assertThat(verified.getVerifiedAt()).isEqualTo(T0.plusSeconds(1));
        WebhookEvent moved = event(WebhookEventType.UPDATED, T0.plusSeconds(2));
        moved.setRegistration(registration("https://b.example/hook"));
        Webhook after = WebhookFold.apply(verified, moved);
        assertThat(after.getVerified()).isFalse();
        assertThat(after.getVerifiedAt()).isEqualTo(T0.plusSeconds(1)); // the processor's rule: kept, see decisions
        WebhookEvent relabelled = event(WebhookEventType.UPDATED, T0.plusSeconds(2));
        relabelled.setRegistration(WebhookRegistration.newBuilder(registration("https://a.example/hook"))
                .setLabel("other").build());
        assertThat(WebhookFold.apply(verified, relabelled).getVerified()).isTrue();
    }

    @Test
    void shouldRecordWhyAVerificationFailed() {
        WebhookEvent failed = event(WebhookEventType.VERIFICATION_FAILED, T0.plusSeconds(3));
        failed.setReason("endpoint answered 500");
        Webhook after = WebhookFold.apply(registeredAndVerified(), failed);
        assertThat(after.getVerified()).isFalse();
        assertThat(after.getDisabledReason()).isEqualTo("endpoint answered 500");
        assertThat(after.getUpdatedAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void shouldPutARotatedSecretFirstAndKeepTheOldOneUntilTheOverlapEnds() {
        WebhookEvent rotated = event(WebhookEventType.SECRET_ROTATED, T0.plusSeconds(10));
        rotated.setSecret(secret("s2"));
        rotated.setPreviousSecretsUntil(T0.plus(Duration.ofHours(1)));
        Webhook next = WebhookFold.apply(registeredAndVerified(), rotated);
        assertThat(next.getSecrets()).extracting(s -> s.getSecret().getKeyId()).containsExactly("s2", "s1");
        assertThat(next.getSecrets().get(0).getValidUntil()).isNull();
        assertThat(next.getSecrets().get(1).getValidUntil()).isEqualTo(T0.plus(Duration.ofHours(1)));
    }

    @Test
    void shouldDropOldSecretsWithoutAnOverlapAndNeverExtendAnEarlierEnd() {
        WebhookEvent first = event(WebhookEventType.SECRET_ROTATED, T0.plusSeconds(10));
        first.setSecret(secret("s2"));
        first.setPreviousSecretsUntil(T0.plusSeconds(100));
        WebhookEvent second = event(WebhookEventType.SECRET_ROTATED, T0.plusSeconds(20));
        second.setSecret(secret("s3"));
        second.setPreviousSecretsUntil(T0.plusSeconds(1000));
        Webhook twice = WebhookFold.apply(WebhookFold.apply(registered(), first), second);
        assertThat(twice.getSecrets()).extracting(s -> s.getSecret().getKeyId()).containsExactly("s3", "s2", "s1");
        assertThat(twice.getSecrets()).extracting(s -> s.getValidUntil())
                .containsExactly(null, T0.plusSeconds(1000), T0.plusSeconds(100));
        WebhookEvent noOverlap = event(WebhookEventType.SECRET_ROTATED, T0.plusSeconds(30));
        noOverlap.setSecret(secret("s4"));
        assertThat(WebhookFold.apply(twice, noOverlap).getSecrets()).extracting(s -> s.getSecret().getKeyId())
                .containsExactly("s4");
    }

    @Test
    void shouldDisableWithAReasonAndEnableAgain() {
        WebhookEvent off = event(WebhookEventType.DISABLED, T0);
        off.setReason("endpoint answered 410 Gone");
        Webhook disabled = WebhookFold.apply(registeredAndVerified(), off);
        assertThat(disabled.getEnabled()).isFalse();
        assertThat(disabled.getDisabledReason()).contains("410");
        Webhook enabled = WebhookFold.apply(disabled, event(WebhookEventType.ENABLED, T0));
        assertThat(enabled.getEnabled()).isTrue();
        assertThat(enabled.getDisabledReason()).isNull();
    }

    @Test
    void shouldTombstoneADeletedWebhookAndIgnoreEventsForUnknownOnes() {
        assertThat(WebhookFold.apply(registeredAndVerified(), event(WebhookEventType.DELETED, T0))).isNull();
        assertThat(WebhookFold.apply(null, event(WebhookEventType.DISABLED, T0))).isNull();
    }

    @Test
    void shouldReturnTheSameWebhookForAnEventThatDoesNotApply() {
        Webhook current = registeredAndVerified();
        assertThat(WebhookFold.apply(current, event(WebhookEventType.UPDATED, T0))).isSameAs(current);
        assertThat(WebhookFold.apply(current, event(WebhookEventType.SECRET_ROTATED, T0))).isSameAs(current);
        assertThat(WebhookFold.apply(current, event(WebhookEventType.REGISTERED, T0))).isSameAs(current);
    }
}
