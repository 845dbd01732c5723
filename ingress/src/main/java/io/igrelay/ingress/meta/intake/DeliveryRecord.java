package io.igrelay.ingress.meta.intake;

import io.igrelay.avro.WebhookDelivery;
import io.igrelay.ingress.spool.SpoolableRecord;
import java.nio.charset.StandardCharsets;

/**
 * One accepted delivery on its way to {@code ig.webhooks.raw}: the key (first entry.id) and the
 * {@link WebhookDelivery} in the Confluent wire format, rendered with {@code spooled} set when it takes the
 * spool path. The {@link DeliveryEncoder} never calls the registry, so rendering never blocks the event loop.
 */
final class DeliveryRecord implements SpoolableRecord {

    private final byte[] key;
    private final WebhookDelivery delivery;
    private final DeliveryEncoder encoder;

    DeliveryRecord(String key, WebhookDelivery delivery, DeliveryEncoder encoder) {
        this.key = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        this.delivery = delivery;
        this.encoder = encoder;
    }

    @Override
    public byte[] key() {
        return key;
    }

    @Override
    public byte[] value(boolean spooled) {
        WebhookDelivery copy = spooled == delivery.getSpooled() ? delivery
                : WebhookDelivery.newBuilder(delivery).setSpooled(spooled).build();
        return encoder.encode(copy);
    }
}
