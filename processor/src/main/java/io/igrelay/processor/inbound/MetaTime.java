package io.igrelay.processor.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads Meta's item timestamp: milliseconds as a number in real deliveries, but seconds as a string in the App
 * Dashboard test form. Values below 10^11 are taken as seconds (10^11 ms is 1973; 10^11 s is year 5138).
 */
final class MetaTime {

    private static final long SECONDS_BELOW = 100_000_000_000L;

    private MetaTime() {
    }

    static Optional<Instant> parse(JsonNode node) {
        long value;
        if (node.isNumber()) {
            value = node.asLong();
        } else if (node.isTextual()) {
            try {
                value = Long.parseLong(node.asText().trim());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        if (value <= 0) {
            return Optional.empty();
        }
        return Optional.of(value < SECONDS_BELOW ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value));
    }
}
