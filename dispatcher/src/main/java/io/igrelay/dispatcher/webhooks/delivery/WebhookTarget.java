package io.igrelay.dispatcher.webhooks.delivery;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * What the delivery needs of one registered webhook, read from hub.webhooks: where and how to send, which events it
 * wants, whether its Message events carry the contact profile, and whether it may receive now. Signing secrets stay
 * encrypted here; the sender decrypts them in memory per attempt. Disabled webhooks keep their queue; unverified ones
 * receive nothing.
 */
public record WebhookTarget(
        String webhookId,
        String applicationId,
        String eventType,
        URI endpoint,
        Map<String, String> headers,
        boolean requiresSignature,
        List<SecretRef> secrets,
        List<String> channelIds,
        List<String> statuses,
        boolean verified,
        boolean enabled,
        Optional<Instant> disabledAt,
        boolean includeContact) {

    /** Without the contact profile on its events. */
    public WebhookTarget(String webhookId, String applicationId, String eventType, URI endpoint,
            Map<String, String> headers, boolean requiresSignature, List<SecretRef> secrets, List<String> channelIds,
            List<String> statuses, boolean verified, boolean enabled, Optional<Instant> disabledAt) {
        this(webhookId, applicationId, eventType, endpoint, headers, requiresSignature, secrets, channelIds,
                statuses, verified, enabled, disabledAt, false);
    }

    /** One encrypted signing secret and the end of its rotation overlap (empty = current). */
    public record SecretRef(io.igrelay.avro.EncryptedValue secret, Optional<Instant> validUntil) {

        public boolean activeAt(Instant now) {
            return validUntil.isEmpty() || validUntil.get().isAfter(now);
        }
    }

    /** Whether this webhook subscribes to the event (type, application, filters); says nothing of its health. */
    public boolean wants(String applicationId, String eventType, String channelId, String status) {
        return this.applicationId.equals(applicationId) && this.eventType.equals(eventType)
                && (channelIds.isEmpty() || channelIds.contains(channelId))
                && (status == null || statuses.isEmpty() || statuses.contains(status));
    }
}
