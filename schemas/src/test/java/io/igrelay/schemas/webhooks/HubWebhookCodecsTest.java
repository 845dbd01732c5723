package io.igrelay.schemas.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.WebhookAttempt;
import io.igrelay.avro.WebhookCommand;
import io.igrelay.avro.WebhookJob;
import io.igrelay.schemas.registry.InMemorySchemaRegistry;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.HubWebhookTopics;
import io.igrelay.schemas.topics.TopicLayout;
import org.junit.jupiter.api.Test;

class HubWebhookCodecsTest {

    private final HubWebhookTopics topics = HubWebhookTopics.of(new TopicLayout("t1.", 3, (short) 1, true));

    @Test
    void shouldNameEachAvroTopicWithItsRecord() {
        assertThat(HubWebhookCodecs.valueSchemas(topics))
                .containsEntry("t1.hub.webhook.log", WebhookAttempt.getClassSchema())
                .containsEntry("t1.hub.webhook.jobs", WebhookJob.getClassSchema())
                .containsEntry("t1.hub.webhook.commands", WebhookCommand.getClassSchema());
    }

    @Test
    void shouldRegisterEachValueSchemaUnderItsTopicSubjectSoTheWritersFindIt() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        new HubWebhookCodecs(new AvroSerdes(registry)).register(topics);
        int id = registry.lookup("t1.hub.webhook.log-value", WebhookAttempt.getClassSchema());
        assertThat(registry.getById(id)).isEqualTo(WebhookAttempt.getClassSchema());
    }
}
