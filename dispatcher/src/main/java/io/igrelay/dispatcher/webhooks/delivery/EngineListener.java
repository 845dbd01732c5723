package io.igrelay.dispatcher.webhooks.delivery;

import java.time.Instant;

/* Where the DeliveryEngine reports: every attempt (the attempt log) and a webhook it disables (EngineReports). */
public interface EngineListener {
    void attempted(AttemptRecord record);

    void disable(WebhookTarget target, String reason, Instant at);
}
