package io.igrelay.ingress.meta.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.SigningApp;
import io.igrelay.avro.WebhookDelivery;
import io.igrelay.ingress.spool.ValueFinisher;
import io.igrelay.schemas.registry.InMemorySchemaRegistry;
import io.igrelay.schemas.registry.SchemaRegistryClient;
import io.igrelay.schemas.registry.SchemaRegistryException;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.serde.ConfluentWireFormat;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A delivery taken while the registry is away is spooled with a placeholder id and finished once it answers. */
class DeliveryEncoderTest {

    private static final String TOPIC = "ig.webhooks.raw";

    private final InMemorySchemaRegistry real = new InMemorySchemaRegistry();
    private final AtomicBoolean registryDown = new AtomicBoolean(true);
    private final SchemaRegistryClient registry = (SchemaRegistryClient) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {SchemaRegistryClient.class}, (proxy, method, args) -> {
                if (registryDown.get() && !method.getName().equals("describe")) {
                    throw new SchemaRegistryException("registry at mem:// did not answer", 0, 0);
                }
                return method.invoke(real, args);
            });
    private final DeliveryEncoder encoder = new DeliveryEncoder(registry, TOPIC);

    private static WebhookDelivery delivery() {
        return WebhookDelivery.newBuilder().setDeliveryId("d-1").setReceivedAt(Instant.parse("2026-12-07T10:00:00Z"))
                .setBody(ByteBuffer.wrap("{\"object\":\"instagram\"}".getBytes(StandardCharsets.UTF_8)))
                .setHeaders(Map.of()).setSignedWith(SigningApp.META_APP).setSpooled(true).build();
    }

    @Test
    void shouldEncodeWithoutTheRegistryAndFinishOnceTheSchemaIsRegistered() {
        byte[] spooled = encoder.encode(delivery());
        assertThat(encoder.registered()).isFalse();
        assertThat(ByteBuffer.wrap(spooled).getInt(1)).isEqualTo(DeliveryEncoder.PENDING_ID);
        assertThatThrownBy(() -> encoder.finish(spooled)).isInstanceOf(ValueFinisher.NotYet.class)
                .hasMessageContaining("schema-registry");
        assertThatThrownBy(encoder::register).isInstanceOf(SchemaRegistryException.class);

        registryDown.set(false);
        encoder.register();
        byte[] finished = encoder.finish(spooled);

        int id = ConfluentWireFormat.schemaId(TOPIC, finished);
        assertThat(id).isEqualTo(real.register(TOPIC + "-value", WebhookDelivery.getClassSchema()));
        WebhookDelivery read = new AvroSerdes(real).deserializer(WebhookDelivery.class).deserialize(TOPIC, finished);
        assertThat(read).isEqualTo(delivery());
        assertThat(spooled).as("the spooled bytes stay as they are").startsWith(new byte[] {0, -1, -1, -1, -1});
    }

    @Test
    void shouldWriteTheSameBytesAsTheSharedSerializerOnceRegistered() {
        registryDown.set(false);
        encoder.register();

        byte[] ours = encoder.encode(delivery());
        byte[] shared = new AvroSerdes(real).forType(WebhookDelivery.class).serializer().serialize(TOPIC, delivery());

        assertThat(ours).isEqualTo(shared);
        assertThat(encoder.finish(ours)).isSameAs(ours);
    }
}
