package io.igrelay.dispatcher.webhooks.envelope;

import io.igrelay.avro.Comment;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/*
 * Builds the `Comment` webhook envelope from a COMMENT event: a user's comment (or live comment) on the channel's
 * media, with Meta's comment id, the comment it answers, the media and its product type, the author and the text.
 * It travels in the lane of its media, so the comments on one post reach an Application in the order the hub routed
 * them, whoever wrote them. A comment on an account no channel holds (metadata only) yields nothing.
 */
public final class CommentEnvelope {

    private CommentEnvelope() {
    }

    public static Optional<QueuedEvent> of(InstagramEvent event, String applicationId, Instant createdAt) {
        Comment comment = event.getComment();
        if (event.getKind() != EventKind.COMMENT || comment == null || event.getMetadataOnly()
                || event.getChannelId() == null) {
            return Optional.empty();
        }
        String eventId = WebhookEventIds.forComment(event.getEventId());
        JsonObject json = new JsonObject()
                .put("eventType", QueuedEvent.COMMENT).put("eventId", eventId)
                .put("createdAt", createdAt.toString()).put("applicationId", applicationId)
                .put("channelId", event.getChannelId()).put("channel", "instagram")
                .put("commentId", comment.getCommentId()).put("parentId", comment.getParentId())
                .put("media", new JsonObject().put("id", comment.getMediaId())
                        .put("productType", comment.getMediaProductType()))
                .put("from", new JsonObject().put("id", event.getIgsid())
                        .put("username", comment.getAuthorUsername()))
                .put("text", event.getText())
                .put("live", comment.getLive())
                .put("timestamp", event.getTimestamp().getEpochSecond());
        return Optional.of(new QueuedEvent(eventId, QueuedEvent.COMMENT, applicationId, event.getChannelId(),
                event.getIgsid(), comment.getCommentId(), null, createdAt, json.encode(),
                QueuedEvent.mediaLane(comment.getMediaId())));
    }
}
