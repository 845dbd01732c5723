package io.igrelay.ingress.meta.intake;

import io.igrelay.avro.WebhookDelivery;
import io.igrelay.ingress.spool.ValueFinisher;
import io.igrelay.schemas.registry.SchemaRegistryClient;
import io.igrelay.schemas.serde.ConfluentWireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Writes a {@link WebhookDelivery} in the Confluent wire format without ever asking the registry on the request
 * path, so Meta's deliveries are taken while the registry is away. Until the schema is registered (a start-up step,
 * off the event loop) the header carries a placeholder id; such a value may only go to the spool, and the replayer
 * fills in the real id ({@link #finish}) before it writes it to Kafka. The Avro body never depends on the id.
 */
public final class DeliveryEncoder implements ValueFinisher {

    /** No registry hands out a negative id: the header of a value spooled before the schema was registered. */
    static final int PENDING_ID = -1;

    private final SchemaRegistryClient registry;
    private final String subject;
    private final SpecificDatumWriter<WebhookDelivery> writer = new SpecificDatumWriter<>(
            WebhookDelivery.getClassSchema(), SpecificData.getForSchema(WebhookDelivery.getClassSchema()));
    private volatile int schemaId = PENDING_ID;

    public DeliveryEncoder(SchemaRegistryClient registry, String topic) {
        this.registry = registry;
        this.subject = topic + "-value";
    }

    /** Registers the schema (blocking: a start-up step, never on an event loop); throws while the registry is away. */
    public void register() {
        if (schemaId == PENDING_ID) {
            schemaId = registry.register(subject, WebhookDelivery.getClassSchema());
        }
    }

    /** True once the schema id is known (only then may a delivery go straight to Kafka). */
    public boolean registered() {
        return schemaId != PENDING_ID;
    }

    /** The delivery's bytes; the schema id is the placeholder until {@link #register} succeeded. */
    public byte[] encode(WebhookDelivery delivery) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(delivery.getBody().remaining() + 256);
        ConfluentWireFormat.writeHeader(out, schemaId);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(delivery, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A spooled value with the real schema id in its header; {@link NotYet} while the schema is not registered. */
    @Override
    public byte[] finish(byte[] spooled) {
        if (spooled.length < ConfluentWireFormat.HEADER_SIZE
                || ByteBuffer.wrap(spooled).getInt(1) != PENDING_ID) {
            return spooled;
        }
        int id = schemaId;
        if (id == PENDING_ID) {
            throw new NotYet("schema-registry: " + subject + " is not registered yet");
        }
        byte[] finished = spooled.clone();
        ByteBuffer.wrap(finished).putInt(1, id);
        return finished;
    }
}
