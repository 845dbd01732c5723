package io.igrelay.processor.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.HubEventType;
import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookEvent;
import io.igrelay.avro.WebhookEventType;
import io.igrelay.avro.WebhookRegistration;
import io.igrelay.schemas.registry.InMemorySchemaRegistry;
import io.igrelay.schemas.serde.AvroSerdes;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/* The rules are schemas' WebhookFold (WebhookFoldTest); here only what the processor does with its answer. */
class WebhookFoldProcessorTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private final MockProcessorContext<String, Webhook> context = new MockProcessorContext<>();
    private final WebhookFoldProcessor fold = new WebhookFoldProcessor("webhooks");
    private KeyValueStore<String, Webhook> store;

    @BeforeEach
    void init() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("webhooks"), Serdes.String(),
                new AvroSerdes(new InMemorySchemaRegistry()).forType(Webhook.class)).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        fold.init(context);
    }

    private void process(WebhookEventType type, long second) {
        WebhookEvent event = WebhookEvent.newBuilder().setEventId("e").setWebhookId("w").setApplicationId("app")
                .setType(type).setAt(T0.plusSeconds(second)).build();
        if (type == WebhookEventType.REGISTERED) {
            event.setRegistration(WebhookRegistration.newBuilder().setLabel("l").setEndpoint("https://a.example/h")
                    .setEventType(HubEventType.Message).build());
        }
        fold.process(new Record<>("w", event, second));
    }

    @Test
    void shouldStoreAndForwardEachChangeAndTombstoneADeletion() {
        process(WebhookEventType.REGISTERED, 1);
        process(WebhookEventType.VERIFIED, 2);
        assertThat(store.get("w").getVerified()).isTrue();
        process(WebhookEventType.DELETED, 3);
        assertThat(store.get("w")).isNull();
        assertThat(context.forwarded()).hasSize(3);
        assertThat(context.forwarded().get(1).record().value().getVerifiedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(context.forwarded().get(2).record().key()).isEqualTo("w");
        assertThat(context.forwarded().get(2).record().value()).isNull();
    }

    @Test
    void shouldForwardNothingForAnEventThatChangesNothing() {
        process(WebhookEventType.DISABLED, 1); // unknown webhook
        process(WebhookEventType.REGISTERED, 2);
        process(WebhookEventType.UPDATED, 3); // no registration
        assertThat(context.forwarded()).hasSize(1);
        assertThat(store.get("w").getUpdatedAt()).isEqualTo(T0.plusSeconds(2));
    }
}
