package io.igrelay.ingress.webhook;

import io.igrelay.avro.WebhookDelivery;
import io.igrelay.ingress.spool.SpoolableRecord;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One accepted delivery on its way to {@code ig.webhooks.raw}: the key (first entry.id) and the
 * {@link WebhookDelivery} in the Confluent wire format, rendered with {@code spooled} set when it takes the
 * spool path. The schema id is cached by the serializer after start-up, so rendering never calls the registry.
 */
final class DeliveryRecord implements SpoolableRecord {

    private final String topic;
    private final byte[] key;
    private final WebhookDelivery delivery;
    private final Serializer<WebhookDelivery> serializer;

    DeliveryRecord(String topic, String key, WebhookDelivery delivery, Serializer<WebhookDelivery> serializer) {
        this.topic = topic;
        this.key = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        this.delivery = delivery;
        this.serializer = serializer;
    }

    @Override
    public byte[] key() {
        return key;
    }

    @Override
    public byte[] value(boolean spooled) {
        WebhookDelivery copy = spooled == delivery.getSpooled() ? delivery
                : WebhookDelivery.newBuilder(delivery).setSpooled(spooled).build();
        return serializer.serialize(topic, copy);
    }
}
