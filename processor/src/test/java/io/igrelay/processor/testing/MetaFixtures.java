package io.igrelay.processor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.igrelay.avro.WebhookDelivery;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads meta-fixtures/ byte for byte (contract §2: hub and sandbox tests read the same files, so neither side
 * drifts), from the surefire property igrelay.fixtures.dir or relative to the module directory.
 */
public final class MetaFixtures {

    private static final Instant FIXTURE_DAY = Instant.parse("2025-11-23T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetaFixtures() {
    }

    public static Path dir() {
        String configured = System.getProperty("igrelay.fixtures.dir");
        Path path = configured != null ? Path.of(configured) : Path.of("../meta-fixtures");
        if (!Files.isDirectory(path)) {
            path = Path.of("../meta-fixtures");
        }
        return path.toAbsolutePath().normalize();
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture of this module's own (src/test/resources/meta/, listed with its Meta page in README.md there). */
    public static byte[] resource(String name) {
        try (InputStream in = MetaFixtures.class.getResourceAsStream("/meta/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource meta/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WebhookDelivery resourceDelivery(String name) {
        return delivery("delivery-" + name, resource(name));
    }

    public static List<String> webhookFiles() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("webhook-") && n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A delivery received when its latest item was sent, as a live delivery is (the fixtures' day when the body has
     * no readable item timestamp), so a test's Meta timestamps are never out of range by accident.
     */
    public static WebhookDelivery delivery(String deliveryId, byte[] body) {
        return delivery(deliveryId, body, latestItemTime(body).orElse(FIXTURE_DAY));
    }

    private static Optional<Instant> latestItemTime(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        long latest = Long.MIN_VALUE;
        for (JsonNode entry : root == null ? JSON.createArrayNode() : root.path("entry")) {
            for (String list : List.of("messaging", "standby")) {
                for (JsonNode item : entry.path(list)) {
                    if (item.path("timestamp").canConvertToLong()) {
                        latest = Math.max(latest, item.path("timestamp").asLong());
                    }
                }
            }
        }
        return latest > 0 && latest < 100_000_000_000_000L ? Optional.of(Instant.ofEpochMilli(latest))
                : Optional.empty();
    }

    public static WebhookDelivery delivery(String deliveryId, byte[] body, Instant receivedAt) {
        return WebhookDelivery.newBuilder().setDeliveryId(deliveryId).setReceivedAt(receivedAt)
                .setBody(ByteBuffer.wrap(body)).setHeaders(Map.of()).build();
    }

    public static WebhookDelivery fixtureDelivery(String name) {
        return delivery("delivery-" + name, bytes(name));
    }
}
