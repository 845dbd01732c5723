package io.igrelay.processor.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.avro.Comment;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Maps one {@code comments} or {@code live_comments} change to a COMMENT event: Meta's
 * {@code value{id, from{id, username}, text, media{id, media_product_type}, parent_id}}
 * (https://developers.facebook.com/docs/graph-api/webhooks/reference/instagram, field {@code comments};
 * https://developers.facebook.com/docs/instagram-platform/webhooks/examples). The author's id is the IGSID and the
 * comment id the event's identity, so a redelivery is dropped as a duplicate. The change carries no time of its own:
 * the entry's {@code time} (when Meta sent it) stands in, else the time the hub received it. A change without
 * comment id, author id or media id is unreadable and yields nothing.
 */
final class CommentChangeMapper {

    static final String COMMENTS = "comments";
    static final String LIVE_COMMENTS = "live_comments";
    private static final Set<String> FIELDS = Set.of(COMMENTS, LIVE_COMMENTS);

    private CommentChangeMapper() {
    }

    static boolean isComment(String field) {
        return FIELDS.contains(field);
    }

    static Optional<InstagramEvent> map(String field, JsonNode value, JsonNode entryTime, ItemContext ctx) {
        String commentId = Json.text(value.path("id"));
        String author = Json.text(value.path("from").path("id"));
        String mediaId = Json.text(value.path("media").path("id"));
        if (commentId == null || author == null || mediaId == null) {
            return Optional.empty();
        }
        Instant timestamp = MetaTime.parse(entryTime).orElse(ctx.receivedAt());
        Comment comment = Comment.newBuilder()
                .setCommentId(commentId)
                .setParentId(Json.text(value.path("parent_id")))
                .setMediaId(mediaId)
                .setMediaProductType(Json.text(value.path("media").path("media_product_type")))
                .setAuthorUsername(Json.text(value.path("from").path("username")))
                .setLive(LIVE_COMMENTS.equals(field))
                .build();
        return Optional.of(InstagramEvent.newBuilder()
                .setEventId(EventIds.ofComment(commentId))
                .setKind(EventKind.COMMENT)
                .setIgAccountId(ctx.accountId())
                .setIgsid(author)
                .setTimestamp(timestamp)
                .setTimestampOutOfRange(MetaTimeRange.outOfRange(timestamp, ctx.receivedAt()))
                .setReceivedAt(ctx.receivedAt())
                .setDeliveryId(ctx.deliveryId())
                .setText(Json.text(value.path("text")))
                .setComment(comment)
                .build());
    }
}
