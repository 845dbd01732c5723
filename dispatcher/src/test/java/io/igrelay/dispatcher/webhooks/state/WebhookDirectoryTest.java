package io.igrelay.dispatcher.webhooks.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.HubEventType;
import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookRegistration;
import io.igrelay.dispatcher.webhooks.delivery.WebhookTarget;
import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookDirectoryTest {

    private final WebhookDirectory directory = new WebhookDirectory();

    private static Webhook webhook(String id, String app, HubEventType type) {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        return Webhook.newBuilder().setWebhookId(id).setApplicationId(app)
                .setRegistration(WebhookRegistration.newBuilder().setLabel("t").setEndpoint("https://example.com/h")
                        .setEventType(type).build())
                .setSecrets(List.of()).setVerified(true).setVerifiedAt(now).setEnabled(true).setCreatedAt(now)
                .setUpdatedAt(now).build();
    }

    private static QueuedEvent event(String app, String type) {
        return new QueuedEvent("e-1", type, app, "ch-1", "1784", "m-1", null, Instant.parse("2026-12-07T10:00:00Z"),
                "{}");
    }

    private List<String> matching(String app, String type) {
        return directory.matching(event(app, type)).stream().map(WebhookTarget::webhookId).sorted().toList();
    }

    @Test
    void shouldPickOnlyTheEventsApplicationsWebhooksOfItsType() {
        directory.apply("w-1", webhook("w-1", "app-1", HubEventType.Message));
        directory.apply("w-2", webhook("w-2", "app-1", HubEventType.Message));
        directory.apply("w-3", webhook("w-3", "app-1", HubEventType.MessageStatus));
        directory.apply("w-4", webhook("w-4", "app-2", HubEventType.Message));
        assertThat(matching("app-1", QueuedEvent.MESSAGE)).containsExactly("w-1", "w-2");
        assertThat(matching("app-2", QueuedEvent.MESSAGE)).containsExactly("w-4");
        assertThat(matching("app-3", QueuedEvent.MESSAGE)).isEmpty();
        assertThat(matching(null, QueuedEvent.MESSAGE)).isEmpty();
    }

    @Test
    void shouldForgetADeletedWebhookAndFollowAChangeOfItsApplication() {
        directory.apply("w-1", webhook("w-1", "app-1", HubEventType.Message));
        directory.apply("w-2", webhook("w-2", "app-1", HubEventType.Message));
        directory.apply("w-1", null);
        directory.apply("w-2", webhook("w-2", "app-2", HubEventType.Message));
        assertThat(matching("app-1", QueuedEvent.MESSAGE)).isEmpty();
        assertThat(matching("app-2", QueuedEvent.MESSAGE)).containsExactly("w-2");
        assertThat(directory.size()).isEqualTo(1);
    }
}
