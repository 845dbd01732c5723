package io.igrelay.dispatcher.webhooks.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Comment;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommentEnvelopeTest {

    private static final Instant CREATED = Instant.parse("2026-11-23T10:00:00Z");

    private static InstagramEvent.Builder comment(String parentId, boolean live) {
        return InstagramEvent.newBuilder().setEventId("ev-c1").setKind(EventKind.COMMENT).setIgAccountId("1784")
                .setIgsid("5551").setChannelId("ch-1").setText("price?")
                .setTimestamp(Instant.parse("2026-11-23T09:59:58Z")).setReceivedAt(CREATED).setDeliveryId("d-1")
                .setComment(new Comment("17919697626119712", parentId, "18060000000000001", "FEED", "olive", live));
    }

    @Test
    void shouldBuildTheCommentEnvelopeInItsMediasLane() {
        QueuedEvent q = CommentEnvelope.of(comment(null, false).build(), "app-1", CREATED).orElseThrow();
        JsonObject body = new JsonObject(q.body(7, false));
        assertThat(body.getString("eventType")).isEqualTo("Comment");
        assertThat(body.getString("eventId")).isEqualTo(q.eventId()).isEqualTo(WebhookEventIds.forComment("ev-c1"));
        assertThat(body.getLong("sequence")).isEqualTo(7);
        assertThat(body.getString("applicationId")).isEqualTo("app-1");
        assertThat(body.getString("channelId")).isEqualTo("ch-1");
        assertThat(body.getString("commentId")).isEqualTo("17919697626119712");
        assertThat(body.containsKey("parentId")).isTrue();
        assertThat(body.getString("parentId")).isNull();
        assertThat(body.getJsonObject("media")).isEqualTo(new JsonObject().put("id", "18060000000000001")
                .put("productType", "FEED"));
        assertThat(body.getJsonObject("from")).isEqualTo(new JsonObject().put("id", "5551").put("username", "olive"));
        assertThat(body.getString("text")).isEqualTo("price?");
        assertThat(body.getBoolean("live")).isFalse();
        assertThat(body.getLong("timestamp")).isEqualTo(1795427998L);
        assertThat(q.eventType()).isEqualTo(QueuedEvent.COMMENT);
        assertThat(q.igsid()).isEqualTo("5551");
        assertThat(q.lane()).isEqualTo("media:18060000000000001");
    }

    @Test
    void shouldCarryTheParentOfAReplyAndTheLiveFlag() {
        JsonObject body = new JsonObject(CommentEnvelope.of(comment("17919697626119700", true).build(), "app-1",
                CREATED).orElseThrow().body(1, false));
        assertThat(body.getString("parentId")).isEqualTo("17919697626119700");
        assertThat(body.getBoolean("live")).isTrue();
    }

    @Test
    void shouldKeepTheEventIdAcrossRoutingsAndDifferFromAMessagesId() {
        QueuedEvent first = CommentEnvelope.of(comment(null, false).build(), "app-1", CREATED).orElseThrow();
        QueuedEvent again = CommentEnvelope.of(comment(null, false).build(), "app-1", CREATED.plusSeconds(9))
                .orElseThrow();
        assertThat(again.eventId()).isEqualTo(first.eventId()).isNotEqualTo(WebhookEventIds.forInbound("ev-c1"));
    }

    @Test
    void shouldYieldNothingForAWithheldCommentAndNoMessageForAnyComment() {
        assertThat(CommentEnvelope.of(comment(null, false).setMetadataOnly(true).setChannelId(null).build(),
                "app-1", CREATED)).isEmpty();
        assertThat(EnvelopeFactory.message(comment(null, false).build(), "app-1", CREATED)).isEmpty();
    }

    @Test
    void shouldKeepTheLaneThroughTheQueueAndReadAnOlderRecordsIgsidAsItsLane() {
        QueuedEvent q = CommentEnvelope.of(comment(null, false).build(), "app-1", CREATED).orElseThrow();
        assertThat(QueuedEvent.fromBytes(q.toBytes())).isEqualTo(q);
        JsonObject old = new JsonObject(new String(q.toBytes(), StandardCharsets.UTF_8));
        old.remove("lane");
        assertThat(QueuedEvent.fromBytes(old.toBuffer().getBytes()).lane()).isEqualTo("5551");
    }
}
