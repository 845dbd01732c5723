package io.igrelay.dispatcher.webhooks.delivery;

import io.vertx.core.Future;

/* The DeliveryEngine's way out: sends one body to one webhook, signing included (SigningTransport; tests fake it). */
public interface WebhookTransport {
    Future<AttemptResult> deliver(WebhookTarget target, String body);
}
