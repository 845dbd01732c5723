package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import java.util.List;
import java.util.Optional;

/* The registered webhooks as the DeliveryEngine sees them (WebhookDirectory, fed by hub.webhooks). */
public interface TargetDirectory {
    Optional<WebhookTarget> get(String webhookId);

    List<WebhookTarget> matching(QueuedEvent event);
}
