package io.igrelay.processor.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.avro.Attachment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps every attachment of a message with every field of its payload, whatever its type: media (image, video,
 * audio, file: payload.url), shared posts ({@code ig_post}: url, title, ig_post_media_id), shared stories
 * ({@code ig_story}: story_media_url, story_media_id), reels ({@code ig_reel} or {@code reel}: url, title,
 * reel_video_id), story mentions, the legacy {@code share} and disappearing media ({@code ephemeral}, no payload).
 * Shapes: https://developers.facebook.com/docs/instagram-platform/webhooks/examples (messaging payloads) and
 * https://developers.facebook.com/docs/instagram-platform/webhooks/new (ig_post, sent next to a legacy share during
 * the transition). A type or field Meta adds later still arrives: the type as sent, every scalar in the payload map.
 */
final class AttachmentMapper {

    private static final List<String> URL_FIELDS = List.of("url", "story_media_url");
    private static final List<String> MEDIA_ID_FIELDS = List.of("ig_post_media_id", "story_media_id",
            "reel_video_id");

    private AttachmentMapper() {
    }

    static List<Attachment> all(JsonNode attachments) {
        List<Attachment> out = new ArrayList<>();
        for (JsonNode attachment : attachments) {
            out.add(one(attachment));
        }
        return out;
    }

    private static Attachment one(JsonNode attachment) {
        String type = Json.text(attachment.path("type"));
        JsonNode payload = attachment.path("payload");
        Map<String, String> fields = new LinkedHashMap<>();
        Json.flattenScalars(payload, "", fields);
        return Attachment.newBuilder()
                .setType(type == null ? "unknown" : type)
                .setUrl(first(fields, URL_FIELDS))
                .setTitle(fields.get("title"))
                .setMediaId(first(fields, MEDIA_ID_FIELDS))
                .setPayload(fields)
                .build();
    }

    private static String first(Map<String, String> fields, List<String> names) {
        for (String name : names) {
            if (fields.get(name) != null) {
                return fields.get(name);
            }
        }
        return null;
    }
}
