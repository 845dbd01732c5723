package io.igrelay.dispatcher.webhooks.state;

import io.igrelay.avro.SigningSecret;
import io.igrelay.avro.Webhook;
import io.igrelay.dispatcher.webhooks.delivery.TargetDirectory;
import io.igrelay.dispatcher.webhooks.delivery.WebhookTarget;
import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/*
 * The delivery's picture of hub.webhooks (the processor folds it; the dispatcher only reads): webhook id to
 * WebhookTarget, and which webhooks want an event (looked up among the event's Application's webhooks only, so the
 * cost per event does not grow with the number of tenants). Each change is passed to a listener so the engine learns
 * about disables, re-enables and deletions. A tombstone or a malformed endpoint removes the webhook.
 */
public final class WebhookDirectory implements TargetDirectory {

    private final Map<String, WebhookTarget> targets = new ConcurrentHashMap<>();
    private final Map<String, Map<String, WebhookTarget>> byApplication = new ConcurrentHashMap<>();
    private volatile Consumer<WebhookTarget> onChange = t -> { };
    private volatile Consumer<String> onRemove = id -> { };

    public void listen(Consumer<WebhookTarget> onChange, Consumer<String> onRemove) {
        this.onChange = onChange;
        this.onRemove = onRemove;
    }

    /** Applies one record of hub.webhooks (null value = deleted). */
    public void apply(String webhookId, Webhook webhook) {
        Optional<WebhookTarget> target = webhook == null ? Optional.empty() : toTarget(webhook);
        if (target.isEmpty()) {
            WebhookTarget removed = targets.remove(webhookId);
            if (removed != null) {
                unindex(webhookId, removed);
                onRemove.accept(webhookId);
            }
            return;
        }
        WebhookTarget previous = targets.put(webhookId, target.get());
        if (previous != null) {
            unindex(webhookId, previous);
        }
        byApplication.computeIfAbsent(target.get().applicationId(), a -> new ConcurrentHashMap<>())
                .put(webhookId, target.get());
        onChange.accept(target.get());
    }

    private void unindex(String webhookId, WebhookTarget target) {
        byApplication.computeIfPresent(target.applicationId(), (a, hooks) -> {
            hooks.remove(webhookId, target);
            return hooks.isEmpty() ? null : hooks;
        });
    }

    @Override
    public Optional<WebhookTarget> get(String webhookId) {
        return Optional.ofNullable(targets.get(webhookId));
    }

    @Override
    public List<WebhookTarget> matching(QueuedEvent event) {
        if (event.applicationId() == null) {
            return List.of();
        }
        return byApplication.getOrDefault(event.applicationId(), Map.of()).values().stream()
                .filter(t -> t.wants(event.applicationId(), event.eventType(), event.channelId(), event.status()))
                .toList();
    }

    public int size() {
        return targets.size();
    }

    static Optional<WebhookTarget> toTarget(Webhook webhook) {
        URI endpoint;
        try {
            endpoint = URI.create(webhook.getRegistration().getEndpoint());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        var registration = webhook.getRegistration();
        List<WebhookTarget.SecretRef> secrets = webhook.getSecrets().stream()
                .map(WebhookDirectory::secret).toList();
        Optional<Instant> disabledAt = webhook.getEnabled() ? Optional.empty()
                : Optional.of(webhook.getUpdatedAt());
        return Optional.of(new WebhookTarget(webhook.getWebhookId(), webhook.getApplicationId(),
                registration.getEventType().name(), endpoint, Map.copyOf(registration.getHeaders()),
                registration.getRequiresSignature(), secrets, List.copyOf(registration.getFilterChannelIds()),
                List.copyOf(registration.getFilterStatuses()), webhook.getVerified(), webhook.getEnabled(),
                disabledAt, registration.getIncludeContact()));
    }

    private static WebhookTarget.SecretRef secret(SigningSecret secret) {
        return new WebhookTarget.SecretRef(secret.getSecret(), Optional.ofNullable(secret.getValidUntil()));
    }
}
