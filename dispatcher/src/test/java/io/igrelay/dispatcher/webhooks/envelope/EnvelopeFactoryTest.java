package io.igrelay.dispatcher.webhooks.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Attachment;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.Postback;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvelopeFactoryTest {

    private static final Instant CREATED = Instant.parse("2026-11-23T10:00:00Z");

    static InstagramEvent.Builder event(EventKind kind) {
        return InstagramEvent.newBuilder().setEventId("ev-1").setKind(kind).setIgAccountId("1784")
                .setIgsid("5551").setChannelId("ch-1").setMid("mid-1")
                .setTimestamp(Instant.parse("2026-11-23T09:59:58.123Z")).setReceivedAt(CREATED)
                .setDeliveryId("d-1");
    }

    private static JsonObject json(QueuedEvent q) {
        return new JsonObject(q.body(42, false));
    }

    @Test
    void shouldBuildTextMessageEnvelopeWithUnixSecondsAndSequence() {
        QueuedEvent q = EnvelopeFactory.message(event(EventKind.MESSAGE).setText("hello").build(), "app-1", CREATED)
                .orElseThrow();
        JsonObject body = json(q);
        assertThat(body.getString("eventType")).isEqualTo("Message");
        assertThat(body.getString("applicationId")).isEqualTo("app-1");
        assertThat(body.getString("channelId")).isEqualTo("ch-1");
        assertThat(body.getString("channel")).isEqualTo("instagram");
        assertThat(body.getString("messageId")).isEqualTo("ev-1");
        assertThat(body.getString("from")).isEqualTo("5551");
        assertThat(body.getLong("timestamp")).isEqualTo(1795427998L);
        assertThat(body.getString("createdAt")).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(body.getLong("sequence")).isEqualTo(42);
        assertThat(body.getJsonObject("content").getString("type")).isEqualTo("text");
        assertThat(body.getJsonObject("content").getString("text")).isEqualTo("hello");
    }

    @Test
    void shouldKeepEventIdForARedeliveredMetaItem() {
        QueuedEvent first = EnvelopeFactory.message(event(EventKind.MESSAGE).setText("a").build(), "app-1", CREATED)
                .orElseThrow();
        QueuedEvent again = EnvelopeFactory.message(event(EventKind.MESSAGE).setText("a").build(), "app-1",
                CREATED.plusSeconds(30)).orElseThrow();
        assertThat(again.eventId()).isEqualTo(first.eventId()).isNotEqualTo("ev-1");
    }

    @Test
    void shouldMarkEchoesAsOutbound() {
        JsonObject body = json(EnvelopeFactory.message(event(EventKind.ECHO).setText("typed in app").build(),
                "app-1", CREATED).orElseThrow());
        assertThat(body.getString("direction")).isEqualTo("outbound");
        assertThat(body.getString("to")).isEqualTo("5551");
    }

    @Test
    void shouldMapPostbackToInteractiveButtonReply() {
        JsonObject content = json(EnvelopeFactory.message(event(EventKind.POSTBACK)
                .setPostback(new Postback("Yes", "YES_PAYLOAD")).build(), "app-1", CREATED).orElseThrow())
                .getJsonObject("content");
        assertThat(content.getString("type")).isEqualTo("interactive");
        assertThat(content.getJsonObject("interactive").getJsonObject("button_reply").getString("id"))
                .isEqualTo("YES_PAYLOAD");
    }

    @Test
    void shouldMapImageAttachmentByUrl() {
        JsonObject content = json(EnvelopeFactory.message(event(EventKind.MESSAGE)
                .setAttachments(List.of(Attachment.newBuilder().setType("image").setUrl("https://cdn/x.jpg").build())).build(), "app-1", CREATED)
                .orElseThrow()).getJsonObject("content");
        assertThat(content.getString("type")).isEqualTo("image");
        assertThat(content.getJsonObject("image").getString("url")).isEqualTo("https://cdn/x.jpg");
    }

    @Test
    void shouldSkipSeenReceiptsAndUnknownAccounts() {
        assertThat(EnvelopeFactory.message(event(EventKind.SEEN).build(), "app-1", CREATED)).isEmpty();
        assertThat(EnvelopeFactory.message(event(EventKind.MESSAGE).setChannelId(null).setMetadataOnly(true)
                .build(), "app-1", CREATED)).isEmpty();
    }

    @Test
    void shouldBuildStatusEnvelopeWithPreviousStatusAndFlatErrors() {
        MessageStatus failed = MessageStatus.newBuilder().setMessageId("m-1").setApplicationId("app-1")
                .setChannelId("ch-1").setTo("5551").setStatus(DeliveryState.FAILED).setErrorCode("META_ERROR")
                .setErrorMessage("refused").setChannelErrorCode("10/2534022").setRetryable(false)
                .setAt(Instant.parse("2026-11-23T10:00:05Z")).build();
        JsonObject body = json(EnvelopeFactory.status(failed, Optional.of(DeliveryState.SENT), CREATED));
        assertThat(body.getString("eventType")).isEqualTo("MessageStatus");
        assertThat(body.getString("status")).isEqualTo("failed");
        assertThat(body.getString("previousStatus")).isEqualTo("sent");
        assertThat(body.getBoolean("isFinal")).isTrue();
        assertThat(body.getString("channelErrorCode")).isEqualTo("10/2534022");
        assertThat(body.getBoolean("retryable")).isFalse();
        assertThat(body.getString("eventId")).isEqualTo(WebhookEventIds.forStatus("m-1", "failed"));
    }

    @Test
    void shouldRoundTripThroughTheQueueFormat() {
        QueuedEvent q = EnvelopeFactory.message(event(EventKind.MESSAGE).setText("x").build(), "app-1", CREATED)
                .orElseThrow();
        assertThat(QueuedEvent.fromBytes(q.toBytes())).isEqualTo(q);
    }
}
