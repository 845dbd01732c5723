package io.igrelay.ingress.spool;

/**
 * What the publisher needs of a record: its Kafka key and its value bytes, rendered once for a direct send and
 * once more, marked as spooled, if it has to go through the spool (WebhookDelivery.spooled says which path it took).
 */
public interface SpoolableRecord {

    /** UTF-8 key bytes, or null for none. */
    byte[] key();

    byte[] value(boolean spooled);
}
