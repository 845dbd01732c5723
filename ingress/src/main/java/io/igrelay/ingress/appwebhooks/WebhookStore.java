package io.igrelay.ingress.appwebhooks;

import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookEvent;
import io.igrelay.schemas.contract.HubErrorCode;
import io.igrelay.schemas.contract.WebhookFold;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/*
 * The ingress's registrations: what the processor folded into hub.webhooks, overlaid with the events this ingress
 * just wrote (folded locally with the processor's own schemas WebhookFold) until the fold catches up, so a GET right
 * after a POST sees the webhook. Writes go to hub.webhook.events and complete only once the broker acknowledged them.
 */
public final class WebhookStore {

    private record Overlay(Optional<Webhook> value, Instant at) {
    }

    private final Map<String, Webhook> folded = new ConcurrentHashMap<>();
    private final Map<String, Overlay> overlay = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final Producer<String, Object> producer;
    private final String eventsTopic;

    public WebhookStore(Vertx vertx, Producer<String, Object> producer, String eventsTopic) {
        this.vertx = vertx;
        this.producer = producer;
        this.eventsTopic = eventsTopic;
    }

    /** A record of hub.webhooks (null = deleted). */
    public void applyFolded(String webhookId, Webhook webhook) {
        if (webhook == null) {
            folded.remove(webhookId);
        } else {
            folded.put(webhookId, webhook);
        }
    }

    public Optional<Webhook> get(String applicationId, String webhookId) {
        return current(webhookId).filter(w -> w.getApplicationId().equals(applicationId));
    }

    public List<Webhook> list(String applicationId) {
        Set<String> ids = new HashSet<>(folded.keySet());
        ids.addAll(overlay.keySet());
        return ids.stream().map(this::current).flatMap(Optional::stream)
                .filter(w -> w.getApplicationId().equals(applicationId))
                .sorted(Comparator.comparing(Webhook::getCreatedAt).thenComparing(Webhook::getWebhookId))
                .toList();
    }

    /** Writes the event; completes with the webhook as it is after the event, once Kafka has it. */
    public Future<Optional<Webhook>> publish(WebhookEvent event) {
        Context context = vertx.getOrCreateContext();
        Promise<Optional<Webhook>> done = Promise.promise();
        producer.send(new ProducerRecord<>(eventsTopic, event.getWebhookId(), event), (meta, error) ->
                context.runOnContext(v -> {
                    if (error != null) {
                        done.fail(new HookError(503, HubErrorCode.INTERNAL,
                                "the change could not be stored, try again"));
                        return;
                    }
                    Optional<Webhook> after = Optional.ofNullable(
                            WebhookFold.apply(current(event.getWebhookId()).orElse(null), event));
                    overlay.put(event.getWebhookId(), new Overlay(after, event.getAt()));
                    done.complete(after);
                }));
        return done.future();
    }

    private Optional<Webhook> current(String webhookId) {
        Webhook view = folded.get(webhookId);
        Overlay own = overlay.get(webhookId);
        if (own != null && (view == null || !own.at().isBefore(view.getUpdatedAt()))) {
            return own.value();
        }
        return Optional.ofNullable(view);
    }
}
