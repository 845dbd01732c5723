package io.igrelay.processor.webhooks;

import io.igrelay.avro.SigningSecret;
import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds hub.webhook.events into the compacted hub.webhooks, whose sole writer is the processor (contract §4): a new
 * endpoint must be verified again, a rotated secret goes first and older ones stay valid until the overlap ends,
 * a deletion tombstones the webhook. Events that do not apply to the current state are ignored.
 */
public final class WebhookFoldProcessor implements Processor<String, WebhookEvent, String, Webhook> {

    private final String storeName;
    private ProcessorContext<String, Webhook> context;
    private KeyValueStore<String, Webhook> webhooks;

    public WebhookFoldProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, Webhook> context) {
        this.context = context;
        this.webhooks = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, WebhookEvent> record) {
        WebhookEvent event = record.value();
        if (event == null) {
            return;
        }
        Webhook current = webhooks.get(event.getWebhookId());
        Webhook next = apply(current, event);
        if (next == current) {
            return;
        }
        if (next == null) {
            webhooks.delete(event.getWebhookId());
        } else {
            webhooks.put(event.getWebhookId(), next);
        }
        context.forward(new Record<>(event.getWebhookId(), next, record.timestamp()));
    }

    static Webhook apply(Webhook current, WebhookEvent event) {
        Instant at = event.getAt();
        if (event.getType() == io.igrelay.avro.WebhookEventType.REGISTERED) {
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
