package io.igrelay.schemas.contract;

import io.igrelay.avro.SigningSecret;
import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookEvent;
import io.igrelay.avro.WebhookEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one fold of hub.webhook.events into an Application's Webhook (contract §4): the processor applies it to write
 * the compacted hub.webhooks, the ingress to show an Application its own writes before that fold comes back. A new
 * registration starts unverified and enabled with its secret; a changed endpoint must be verified again; a rotated
 * secret goes first and older ones stay valid until previousSecretsUntil (never past their own end); a deletion
 * removes the webhook. An event that does not apply (unknown webhook, missing registration or secret) returns the
 * current value itself, so a caller can tell "no change" by identity.
 */
public final class WebhookFold {

    private WebhookFold() {
    }

    /** The webhook after {@code event}; {@code current} and the result are null when there is none. */
    public static Webhook apply(Webhook current, WebhookEvent event) {
        Instant at = event.getAt();
        if (event.getType() == WebhookEventType.REGISTERED) {
            if (event.getRegistration() == null) {
                return current;
            }
            List<SigningSecret> secrets = event.getSecret() == null ? List.of()
                    : List.of(new SigningSecret(event.getSecret(), at, null));
            return Webhook.newBuilder().setWebhookId(event.getWebhookId()).setApplicationId(event.getApplicationId())
                    .setRegistration(event.getRegistration()).setSecrets(secrets).setVerified(false)
                    .setVerifiedAt(null).setEnabled(true).setDisabledReason(null).setCreatedAt(at).setUpdatedAt(at)
                    .build();
        }
        if (current == null) {
            return null;
        }
        Webhook.Builder next = Webhook.newBuilder(current).setUpdatedAt(at);
        return switch (event.getType()) {
            case REGISTERED -> current;
            case UPDATED -> event.getRegistration() == null ? current : next.setRegistration(event.getRegistration())
                    .setVerified(current.getVerified() && event.getRegistration().getEndpoint()
                            .equals(current.getRegistration().getEndpoint())).build();
            case VERIFIED -> next.setVerified(true).setVerifiedAt(at).build();
            case VERIFICATION_FAILED -> next.setVerified(false).setDisabledReason(event.getReason()).build();
            case SECRET_ROTATED -> event.getSecret() == null ? current : next.setSecrets(rotate(current, event, at))
                    .build();
            case DISABLED -> next.setEnabled(false).setDisabledReason(event.getReason()).build();
            case ENABLED -> next.setEnabled(true).setDisabledReason(null).build();
            case DELETED -> null;
        };
    }

    private static List<SigningSecret> rotate(Webhook current, WebhookEvent event, Instant at) {
        List<SigningSecret> secrets = new ArrayList<>();
        secrets.add(new SigningSecret(event.getSecret(), at, null));
        Instant until = event.getPreviousSecretsUntil();
        if (until != null && until.isAfter(at)) {
            for (SigningSecret old : current.getSecrets()) {
                if (old.getValidUntil() == null || old.getValidUntil().isAfter(at)) {
                    secrets.add(new SigningSecret(old.getSecret(), old.getCreatedAt(),
                            old.getValidUntil() == null || old.getValidUntil().isAfter(until) ? until
                                    : old.getValidUntil()));
                }
            }
        }
        return secrets;
    }
}
