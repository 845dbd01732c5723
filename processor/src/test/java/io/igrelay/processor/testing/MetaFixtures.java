package io.igrelay.processor.testing;

import io.igrelay.avro.WebhookDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads ../shared/meta-fixtures byte for byte (SPEC 2: hub and sandbox tests read the same files, so neither side
 * drifts), from the surefire property igrelay.fixtures.dir or relative to the module directory.
 */
public final class MetaFixtures {

    private MetaFixtures() {
    }

    public static Path dir() {
        String configured = System.getProperty("igrelay.fixtures.dir");
        Path path = configured != null ? Path.of(configured) : Path.of("../../shared/meta-fixtures");
        if (!Files.isDirectory(path)) {
            path = Path.of("../../shared/meta-fixtures");
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

    public static List<String> webhookFiles() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("webhook-") && n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WebhookDelivery delivery(String deliveryId, byte[] body) {
        return delivery(deliveryId, body, Instant.parse("2025-11-23T12:00:00Z"));
    }

    public static WebhookDelivery delivery(String deliveryId, byte[] body, Instant receivedAt) {
        return WebhookDelivery.newBuilder().setDeliveryId(deliveryId).setReceivedAt(receivedAt)
                .setBody(ByteBuffer.wrap(body)).setHeaders(Map.of()).build();
    }

    public static WebhookDelivery fixtureDelivery(String name) {
        return delivery("delivery-" + name, bytes(name));
    }
}
