package io.igrelay.ingress.meta.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/**
 * What the ingress needs to know of a signed body before it is stored byte for byte: the Kafka key (the first
 * {@code entry[].id}) and whether it is JSON of an {@code "object": "instagram"} at all. A malformed body is still
 * recorded (nothing Meta sent is lost) and only flagged; the processor decides what to do with it.
 */
public record DeliveryInspection(Optional<String> firstEntryId, boolean malformed) {

    private static final JsonFactory JSON = new JsonFactory();

    public static DeliveryInspection of(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new DeliveryInspection(Optional.empty(), true);
            }
            String object = null;
            String entryId = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("object".equals(field) && value == JsonToken.VALUE_STRING) {
                    object = parser.getText();
                } else if ("entry".equals(field) && value == JsonToken.START_ARRAY) {
                    entryId = firstEntryId(parser, entryId);
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return new DeliveryInspection(Optional.ofNullable(entryId), true);
            }
            boolean instagram = "instagram".equals(object) && entryId != null;
            return new DeliveryInspection(Optional.ofNullable(entryId), !instagram);
        } catch (IOException e) {
            return new DeliveryInspection(Optional.empty(), true);
        }
    }

    /** Reads the entry array to its end, keeping the id of its first object (string or number). */
    private static String firstEntryId(JsonParser parser, String found) throws IOException {
        String id = found;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (id == null && "id".equals(field)
                        && (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT)) {
                    id = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        }
        return id;
    }
}
