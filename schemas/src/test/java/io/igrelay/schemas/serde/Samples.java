package io.igrelay.schemas.serde;

import io.igrelay.avro.Author;
import io.igrelay.avro.InteractiveContent;
import io.igrelay.avro.InteractiveOption;
import io.igrelay.avro.InteractiveType;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.TextContent;
import io.igrelay.avro.WebhookDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;

/*
 * Realistic hand-written values of the main contract types, and the list of every top-level generated class
 * (one per .avsc directly under src/main/avro), so tests that must cover "every record type" pick up new ones.
 */
final class Samples {

    private Samples() {
    }

    static OutboundMessage textMessage() {
        return OutboundMessage.newBuilder()
                .setMessageId("4f1c2a9e-7b0d-4c51-9a55-2f3e8b6d1c07")
                .setApplicationId("app-7d3f")
                .setFrom("@Loja.Exemplo")
                .setTo("17841405822304914")
                .setContent(new TextContent("Olá! Seu pedido #1042 saiu para entrega 🚚"))
                .setRequestedAt(Instant.parse("2026-11-23T21:00:00.123Z"))
                .setAuthoredBy(Author.HUMAN)
                .setAgentId("agent-42")
                .setIdempotencyKey("idem-1")
                .build();
    }

    static OutboundMessage buttonsMessage() {
        return OutboundMessage.newBuilder(textMessage())
                .setMessageId("9a0e5c1b-2d44-4f7e-8c31-5b6a7d8e9f10")
                .setContent(InteractiveContent.newBuilder()
                        .setType(InteractiveType.BUTTON)
                        .setBody("Confirma a entrega amanhã?")
                        .setOptions(List.of(new InteractiveOption("yes", "Sim"), new InteractiveOption("no", "Não")))
                        .build())
                .setAuthoredBy(Author.AUTOMATED)
                .setAgentId(null)
                .build();
    }

    static WebhookDelivery webhookDelivery() {
        String body = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"17841400000000001\",\"time\":1763931600,"
                + "\"messaging\":[{\"sender\":{\"id\":\"17841405822304914\"},\"recipient\":{\"id\":"
                + "\"17841400000000001\"},\"timestamp\":1763931599000,\"message\":{\"mid\":\"aWdfZAG1faXRlbTox\","
                + "\"text\":\"oi\"}}]}]}";
        return WebhookDelivery.newBuilder()
                .setDeliveryId("0b8f9a52-3e55-4d8a-b7c1-6f7d2b90a111")
                .setReceivedAt(Instant.parse("2026-11-23T21:00:00.456Z"))
                .setBody(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)))
                .setHeaders(Map.of("x-hub-signature-256", "sha256=ab12", "content-type", "application/json"))
                .build();
    }

    /** Every top-level generated class, one per .avsc directly under src/main/avro. */
    @SuppressWarnings("unchecked")
    static Stream<Class<? extends SpecificRecord>> topLevelTypes() {
        try (Stream<Path> files = Files.list(Path.of("src/main/avro"))) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".avsc")).map(n -> n.substring(0, n.length() - 5)).sorted().toList();
            return names.stream().map(name -> {
                try {
                    return (Class<? extends SpecificRecord>) Class.forName("io.igrelay.avro." + name);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("no generated class for " + name + ".avsc", e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("tests run from the schemas module directory", e);
        }
    }
}
