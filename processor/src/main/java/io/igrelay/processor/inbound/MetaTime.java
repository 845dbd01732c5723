package io.igrelay.processor.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads Meta's item timestamp: milliseconds as a number in real deliveries, but seconds as a string in the App
 * Dashboard test form. Positive values below 10^11 are taken as seconds (10^11 ms is 1973; 10^11 s is year 5138).
 * Absurd values (zero, negative, beyond a long) are still read, as milliseconds, so the item is kept and flagged
 * ({@link MetaTimeRange}); only a value that is not a number at all makes the item unreadable.
 */
final class MetaTime {

    private static final long SECONDS_BELOW = 100_000_000_000L;

    private MetaTime() {
    }

    static Optional<Instant> parse(JsonNode node) {
        long value;
        if (node.isNumber()) {
            value = node.canConvertToLong() ? node.asLong()
                    : node.asDouble() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        } else if (node.isTextual()) {
            try {
                value = Long.parseLong(node.asText().trim());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        boolean seconds = value > 0 && value < SECONDS_BELOW;
        return Optional.of(seconds ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value));
    }
}
