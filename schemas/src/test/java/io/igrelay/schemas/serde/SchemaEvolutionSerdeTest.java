package io.igrelay.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Author;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.schemas.registry.InMemorySchemaRegistry;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.Test;

/*
 * Records written by an older producer (fewer fields) and by a newer one (an extra field) both read into the
 * current generated class: missing fields take their defaults, unknown ones are skipped — the reason every
 * schema change must keep defaults.
 */
class SchemaEvolutionSerdeTest {

    private static final String TOPIC = "ig.outbound.requests";
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerdes serdes = new AvroSerdes(registry);

    private static Schema currentWith(String fieldsToDrop, String extraField) {
        String json = OutboundMessage.getClassSchema().toString(true);
        Schema current = new Schema.Parser().parse(json);
        StringBuilder fields = new StringBuilder();
        for (Schema.Field field : current.getFields()) {
            if (!fieldsToDrop.contains(field.name())) {
                fields.append(fields.isEmpty() ? "" : ",").append(fieldJson(field));
            }
        }
        if (extraField != null) {
            fields.append(",").append(extraField);
        }
        String record = "{\"type\":\"record\",\"name\":\"OutboundMessage\",\"namespace\":\"io.igrelay.avro\","
                + "\"fields\":[" + fields + "]}";
        return new Schema.Parser().parse(record);
    }

    private static String fieldJson(Schema.Field field) {
        // reuse Avro's own JSON of the field by rendering a one-field record and cutting the field out
        Schema single = Schema.createRecord("X", null, "x", false, java.util.List.of(new Schema.Field(field,
                field.schema())));
        String json = single.toString();
        return json.substring(json.indexOf("\"fields\":[") + 10, json.length() - 2);
    }

    @Test
    void shouldFillDefaultsWhenWriterIsOlder() {
        Schema older = currentWith("authoredBy agentId idempotencyKey", null);
        GenericRecord old = genericText(older);
        byte[] bytes = serdes.genericSerde().serializer().serialize(TOPIC, old);

        OutboundMessage read = serdes.deserializer(OutboundMessage.class).deserialize(TOPIC, bytes);
        assertThat(read.getMessageId()).isEqualTo("m-1");
        assertThat(read.getAuthoredBy()).isEqualTo(Author.AUTOMATED);
        assertThat(read.getAgentId()).isNull();
        assertThat(read.getIdempotencyKey()).isNull();
        assertThat(read.getRequestedAt()).isEqualTo(Instant.ofEpochMilli(1_763_931_600_000L));
    }

    @Test
    void shouldSkipFieldsAddedByNewerWriter() {
        Schema newer = currentWith("", "{\"name\":\"priority\",\"type\":\"int\",\"default\":0}");
        GenericRecord record = genericText(newer);
        record.put("authoredBy", new GenericData.EnumSymbol(newer.getField("authoredBy").schema(), "HUMAN"));
        record.put("priority", 5);
        byte[] bytes = serdes.genericSerde().serializer().serialize(TOPIC, record);

        OutboundMessage read = serdes.deserializer(OutboundMessage.class).deserialize(TOPIC, bytes);
        assertThat(read.getAuthoredBy()).isEqualTo(Author.HUMAN);
        assertThat(read.getTo()).isEqualTo("17841405822304914");
    }

    private static GenericRecord genericText(Schema writer) {
        Schema content = writer.getField("content").schema().getTypes().get(0);
        GenericRecordBuilder builder = new GenericRecordBuilder(writer)
                .set("messageId", "m-1").set("applicationId", "app-1").set("from", "@shop")
                .set("to", "17841405822304914")
                .set("content", new GenericRecordBuilder(content).set("text", "oi").build())
                .set("requestedAt", 1_763_931_600_000L);
        return builder.build();
    }
}
