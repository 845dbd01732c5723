package io.igrelay.sandbox.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.wire.MetaJson;

/**
 * The message content of what a user shares, as Instagram sends it in {@code message.attachments[]}: a post
 * ({@code ig_post}: url, title, ig_post_media_id), a story ({@code ig_story}: story_media_url, story_media_id), a reel
 * ({@code ig_reel}: url, title, reel_video_id) and disappearing media ({@code ephemeral}, no payload, no URL). Shapes
 * from https://developers.facebook.com/docs/instagram-platform/webhooks/examples (messaging payloads; the legacy
 * {@code share} for posts was removed on April 27, 2026,
 * https://developers.facebook.com/documentation/business-messaging/instagram-messaging/changelog/); the sandbox
 * fixtures that copy them are listed in sandbox/src/test/resources/meta/README.md.
 */
public final class SharedContent {

    private SharedContent() {
    }

    public static ObjectNode post(String url, String title, String mediaId) {
        ObjectNode content = MetaJson.object();
        content.putArray("attachments").addObject().put("type", "ig_post").putObject("payload")
                .put("url", url).put("title", title).put("ig_post_media_id", mediaId);
        return content;
    }

    public static ObjectNode story(String url, String storyId) {
        ObjectNode content = MetaJson.object();
        content.putArray("attachments").addObject().put("type", "ig_story").putObject("payload")
                .put("story_media_url", url).put("story_media_id", storyId);
        return content;
    }

    public static ObjectNode reel(String url, String title, String videoId) {
        ObjectNode content = MetaJson.object();
        content.putArray("attachments").addObject().put("type", "ig_reel").putObject("payload")
                .put("url", url).put("title", title).put("reel_video_id", videoId);
        return content;
    }

    public static ObjectNode ephemeral() {
        ObjectNode content = MetaJson.object();
        content.putArray("attachments").addObject().put("type", "ephemeral");
        return content;
    }
}
