package io.igrelay.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/*
 * Seeded generator of valid instances of any generated Avro class, for round-trip and property tests that must
 * cover every record type (including ones added later) without a hand-written fixture each. Values are plausible:
 * ids look like ids, strings carry non-ASCII text, times are recent Instants (to the millisecond, or to the
 * nanosecond for timestamp-nanos fields).
 */
public final class RandomRecords {

    private static final String[] WORDS = {"olá", "hello", "ação", "💬", "ok", "follow-up", "ünïcode", "17841400000000"};

    private final Random random;

    public RandomRecords(long seed) {
        this.random = new Random(seed);
    }

    /** A fully populated instance of {@code type}; unions pick a random branch, so repeat for coverage. */
    @SuppressWarnings("unchecked")
    public <T extends IndexedRecord> T next(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        return (T) value(model.getSchema(type), model, "root");
    }

    private Object value(Schema schema, SpecificData model, String name) {
        if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            return Instant.ofEpochMilli(1_760_000_000_000L + random.nextInt(1_000_000_000));
        }
        if (schema.getLogicalType() instanceof LogicalTypes.TimestampNanos) {
            return Instant.ofEpochSecond(1_760_000_000L + random.nextInt(1_000_000), random.nextInt(1_000_000_000));
        }
        return switch (schema.getType()) {
            case RECORD -> record(schema, model);
            case ENUM -> model.createEnum(pick(schema.getEnumSymbols()), schema);
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    list.add(value(schema.getElementType(), model, name));
                }
                yield list;
            }
            case MAP -> {
                Map<String, Object> map = new HashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    map.put("k" + i + "-" + word(), value(schema.getValueType(), model, name));
                }
                yield map;
            }
            case UNION -> value(pick(schema.getTypes()), model, name);
            case STRING -> string(name);
            case BYTES -> ByteBuffer.wrap(("{\"object\":\"instagram\",\"n\":" + random.nextInt()
                    + "}").getBytes(StandardCharsets.UTF_8));
            case INT -> random.nextInt(1000);
            case LONG -> (long) random.nextInt(1_000_000);
            case FLOAT -> random.nextFloat();
            case DOUBLE -> random.nextDouble();
            case BOOLEAN -> random.nextBoolean();
            case NULL -> null;
            case FIXED -> model.createFixed(null, new byte[schema.getFixedSize()], schema);
        };
    }

    private Object record(Schema schema, SpecificData model) {
        IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            record.put(field.pos(), value(field.schema(), model, field.name()));
        }
        return record;
    }

    private String string(String fieldName) {
        String lower = fieldName.toLowerCase();
        if (lower.endsWith("id") || lower.equals("to") || lower.equals("from") || lower.equals("mid")) {
            return lower.contains("igsid") || lower.equals("to") || lower.contains("account")
                    ? Long.toString(17_841_400_000_000_000L + random.nextInt(1_000_000))
                    : UUID.nameUUIDFromBytes(Long.toString(random.nextLong()).getBytes(StandardCharsets.UTF_8))
                            .toString();
        }
        if (lower.contains("url")) {
            return "https://cdn.example.com/media/" + random.nextInt(100_000) + ".jpg";
        }
        return word() + " " + word();
    }

    private String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private <E> E pick(List<E> options) {
        return options.get(random.nextInt(options.size()));
    }
}
