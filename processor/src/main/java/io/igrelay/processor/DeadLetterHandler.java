package io.igrelay.processor;

import io.igrelay.avro.DeadLetter;
import io.igrelay.schemas.registry.SchemaRegistryClients;
import io.igrelay.schemas.serde.AvroSerdeConfig;
import io.igrelay.schemas.serde.AvroSerializer;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bad input never blocks a partition (SPEC 8): an undecodable record is logged with topic/partition/offset and
 * skipped; one from an outbound topic (ig.outbound.requests, ig.message.status) also goes to ig.outbound.dlq as a
 * DeadLetter, written in the same transaction as the offsets that skip it.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {

    public static final String DLQ_TOPIC = "igrelay.dlq.topic";
    public static final String DLQ_SOURCES = "igrelay.dlq.sources";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

    private String dlqTopic;
    private Set<String> sources = Set.of();
    private AvroSerializer<DeadLetter> serializer;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(DLQ_TOPIC);
        Object url = configs.get(AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        if (topic == null || url == null) {
            return;
        }
        dlqTopic = topic.toString();
        Object list = configs.get(DLQ_SOURCES);
        sources = list == null ? Set.of() : Arrays.stream(list.toString().split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        Object auth = configs.get(AvroSerdeConfig.REGISTRY_BASIC_AUTH_USER_INFO);
        serializer = new AvroSerializer<>(SchemaRegistryClients.fromUrl(url.toString(),
                Optional.ofNullable(auth).map(Object::toString)), false);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        LOG.warn("Skipped undecodable record at {}/{}@{}: {}", context.topic(), context.partition(),
                context.offset(), exception.getClass().getSimpleName());
        if (serializer == null || !sources.contains(context.topic())) {
            return Response.resume();
        }
        DeadLetter letter = DeadLetter.newBuilder()
                .setOriginalKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
                .setOriginalValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setTopic(context.topic()).setPartition(context.partition()).setOffset(context.offset())
                .setReason("undecodable record").setErrorClass(exception.getClass().getName())
                .setAt(Instant.ofEpochMilli(context.timestamp())).build();
        byte[] value = serializer.serialize(dlqTopic, letter);
        return Response.resume(List.of(new ProducerRecord<>(dlqTopic, null, null, value)));
    }
}
