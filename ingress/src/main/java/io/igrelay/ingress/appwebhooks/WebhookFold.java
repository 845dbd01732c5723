package io.igrelay.ingress.appwebhooks;

import io.igrelay.avro.SigningSecret;
import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/*
 * The fold of hub.webhook.events into a Webhook (the rules the processor applies for hub.webhooks): the
 * ingress applies its own events with it at once so an Application reads its writes before the processor's fold
 * comes back. Rotation keeps older secrets until previousSecretsUntil; a changed endpoint must be verified again.
 */
public final class WebhookFold {

    private WebhookFold() {
    }

    public static Optional<Webhook> apply(Optional<Webhook> current, WebhookEvent event) {
        Instant at = event.getAt();
        if (event.getType() == io.igrelay.avro.WebhookEventType.REGISTERED) {
            return Optional.of(Webhook.newBuilder().setWebhookId(event.getWebhookId())
                    .setApplicationId(event.getApplicationId()).setRegistration(event.getRegistration())
                    .setSecrets(event.getSecret() == null ? List.of()
                            : List.of(new SigningSecret(event.getSecret(), at, null)))
                    .setCreatedAt(at).setUpdatedAt(at).build());
        }
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Webhook.Builder b = Webhook.newBuilder(current.get()).setUpdatedAt(at);
        switch (event.getType()) {
            case UPDATED -> {
                boolean moved = !event.getRegistration().getEndpoint()
                        .equals(current.get().getRegistration().getEndpoint());
                b.setRegistration(event.getRegistration());
                if (moved) {
                    b.setVerified(false).setVerifiedAt(null);
                }
            }
            case VERIFIED -> b.setVerified(true).setVerifiedAt(at);
            case VERIFICATION_FAILED -> b.setVerified(false).setVerifiedAt(null);
            case SECRET_ROTATED -> b.setSecrets(rotate(current.get().getSecrets(), event, at));
            case DISABLED -> b.setEnabled(false).setDisabledReason(event.getReason());
            case ENABLED -> b.setEnabled(true).setDisabledReason(null);
            case DELETED -> {
                return Optional.empty();
            }
            default -> {
                return current;
            }
        }
        return Optional.of(b.build());
    }

    private static List<SigningSecret> rotate(List<SigningSecret> old, WebhookEvent event, Instant at) {
        Instant until = event.getPreviousSecretsUntil() == null ? at : event.getPreviousSecretsUntil();
        List<SigningSecret> secrets = new ArrayList<>();
        secrets.add(new SigningSecret(event.getSecret(), at, null));
        for (SigningSecret s : old) {
            Instant end = s.getValidUntil() == null || s.getValidUntil().isAfter(until) ? until : s.getValidUntil();
            if (end.isAfter(at)) {
                secrets.add(new SigningSecret(s.getSecret(), s.getCreatedAt(), end));
            }
        }
        return secrets;
    }
}
