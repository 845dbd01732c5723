package io.igrelay.ingress.api;

import io.igrelay.avro.InteractiveContent;
import io.igrelay.avro.InteractiveOption;
import io.igrelay.avro.InteractiveType;
import io.igrelay.avro.MediaContent;
import io.igrelay.avro.MediaKind;
import io.igrelay.avro.ReactionContent;
import io.igrelay.avro.SenderAction;
import io.igrelay.avro.SenderActionContent;
import io.igrelay.avro.StickerContent;
import io.igrelay.avro.TextContent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps the API's {@code content} JSON (already validated) onto the OutboundMessage content union: text, media by URL
 * (an image's {@code text} is its caption; several images ride in MediaContent.items), media by reusable attachment
 * id, a share of the business's own post, like_heart, interactive buttons/list rows as options or a CTA URL, generic
 * templates, reactions (empty emoji = unreact) and sender actions.
 */
public final class OutboundContent {

    private OutboundContent() {
    }

    public static Object from(JsonObject content) {
        if (content.containsKey("imageUrl")) {
            return media(MediaKind.IMAGE, content.getString("imageUrl")).setCaption(content.getString("text")).build();
        }
        if (content.containsKey("imageUrls")) {
            List<String> urls = content.getJsonArray("imageUrls").stream().map(String.class::cast).toList();
            return media(MediaKind.IMAGE, urls.get(0)).setItems(urls).setCaption(content.getString("text")).build();
        }
        if (content.containsKey("fileUrl")) {
            return media(MediaKind.FILE, content.getString("fileUrl")).build();
        }
        if (content.containsKey("attachment")) {
            JsonObject attachment = content.getJsonObject("attachment");
            return media(MediaKind.valueOf(attachment.getString("type").toUpperCase(Locale.ROOT)), "")
                    .setAttachmentId(attachment.getString("attachmentId")).build();
        }
        if (content.containsKey("mediaShare")) {
            return media(MediaKind.IMAGE, "").setPostId(content.getJsonObject("mediaShare").getString("postId"))
                    .build();
        }
        if (content.containsKey("template")) {
            return GenericTemplates.from(content.getJsonObject("template"));
        }
        if (content.containsKey("videoUrl")) {
            return media(MediaKind.VIDEO, content.getString("videoUrl")).build();
        }
        if (content.containsKey("audioUrl")) {
            return media(MediaKind.AUDIO, content.getString("audioUrl")).build();
        }
        if (content.containsKey("text")) {
            return new TextContent(content.getString("text"));
        }
        if (content.containsKey("sticker")) {
            return new StickerContent(content.getString("sticker"));
        }
        if (content.containsKey("interactive")) {
            return interactive(content.getJsonObject("interactive"));
        }
        if (content.containsKey("reaction")) {
            JsonObject reaction = content.getJsonObject("reaction");
            String emoji = reaction.getString("emoji");
            return new ReactionContent(reaction.getString("messageId"), emoji == null || emoji.isEmpty() ? null : emoji);
        }
        if (content.containsKey("markAsSeen")) {
            return new SenderActionContent(SenderAction.MARK_SEEN);
        }
        if (content.containsKey("typing")) {
            return new SenderActionContent("on".equals(content.getString("typing"))
                    ? SenderAction.TYPING_ON : SenderAction.TYPING_OFF);
        }
        throw ApiError.invalid("content: no content kind");
    }

    private static MediaContent.Builder media(MediaKind kind, String url) {
        return MediaContent.newBuilder().setKind(kind).setUrl(url);
    }

    /** Sender actions carry no message, so Meta lets no tag ride on them: only inside the 24 h window. */
    public static boolean isSenderAction(Object content) {
        return content instanceof SenderActionContent || content instanceof ReactionContent;
    }

    static InteractiveContent.Builder interactive(InteractiveType type, String body, List<InteractiveOption> options) {
        return InteractiveContent.newBuilder().setType(type).setBody(body).setOptions(options);
    }

    private static InteractiveContent interactive(JsonObject interactive) {
        String body = interactive.getJsonObject("body").getString("text");
        JsonObject action = interactive.getJsonObject("action");
        List<InteractiveOption> options = new ArrayList<>();
        switch (interactive.getString("type")) {
            case "button" -> {
                for (Object b : action.getJsonArray("buttons")) {
                    JsonObject reply = ((JsonObject) b).getJsonObject("reply");
                    options.add(new InteractiveOption(reply.getString("id"), reply.getString("title")));
                }
                return interactive(InteractiveType.BUTTON, body, options).build();
            }
            case "list" -> {
                for (Object s : action.getJsonArray("sections")) {
                    for (Object r : ((JsonObject) s).getJsonArray("rows", new JsonArray())) {
                        JsonObject row = (JsonObject) r;
                        options.add(new InteractiveOption(row.getString("id"), row.getString("title")));
                    }
                }
                return interactive(InteractiveType.LIST, body, options).build();
            }
            default -> {
                JsonObject parameters = action.getJsonObject("parameters");
                return interactive(InteractiveType.CTA_URL, body, options).setCtaUrl(parameters.getString("url"))
                        .setCtaTitle(parameters.getString("display_text")).build();
            }
        }
    }
}
