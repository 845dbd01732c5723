package io.igrelay.sandbox.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.wire.GraphErrorBody;
import io.igrelay.sandbox.wire.MetaJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Meta's Attachment Upload API: {@code POST /{id}/message_attachments} with
 * {@code message.attachment {type: image|video|audio|file, payload {url, is_reusable}}} answers
 * {@code {"attachment_id"}}, an id the account can then send by ({@code payload.attachment_id}). On graph.facebook.com
 * the Page's call carries {@code platform=instagram} (without it the upload would be the Page's Messenger media);
 * on graph.instagram.com the Instagram token's account uploads.
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/attachment-upload and
 * https://developers.facebook.com/docs/messenger-platform/reference/attachment-upload-api
 */
public final class AttachmentUpload {
    private static final Set<String> TYPES = Set.of("image", "video", "audio", "file");

    private final SandboxState state;
    private final BusinessCalls calls;

    public AttachmentUpload(SandboxState state, boolean instagramHost) {
        this.state = state;
        this.calls = new BusinessCalls(state, instagramHost);
    }

    /** Mount before the host's catch-all node routes. */
    public void mount(Router r) {
        r.post("/:version/:id/message_attachments").handler(this::upload);
    }

    private void upload(RoutingContext ctx) {
        calls.handle(ctx, (business, body) -> {
            if (!calls.instagramHost() && !"instagram".equals(BusinessCalls.param(ctx, body, "platform"))) {
                throw new GraphAuth.Denied(GraphErrorBody.invalidParam(
                        "param platform must be instagram to upload media for the Page's Instagram account"));
            }
            JsonNode attachment = message(ctx, body).path("attachment");
            if (!attachment.isObject()) {
                throw new GraphAuth.Denied(GraphErrorBody.invalidParam("param message[attachment] must be non-empty"));
            }
            if (!TYPES.contains(attachment.path("type").asText(""))) {
                throw new GraphAuth.Denied(GraphErrorBody.invalidParam(
                        "param message[attachment][type] must be one of {image, video, audio, file}"));
            }
            String url = attachment.path("payload").path("url").asText("");
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new GraphAuth.Denied(GraphErrorBody.invalidParam(
                        "param message[attachment][payload][url] must be a valid URL"));
            }
            String id = state.messaging().newAttachment(business.account().userId());
            return new BusinessCalls.Answer(200, MetaJson.object().put("attachment_id", id));
        });
    }

    /** The message object of the JSON body, or of the {@code message} query parameter (Meta's URL-encoded form). */
    private static JsonNode message(RoutingContext ctx, JsonNode body) throws GraphAuth.Denied {
        if (body.has("message")) {
            return body.get("message");
        }
        String raw = GraphReply.param(ctx, "message");
        if (raw == null) {
            throw new GraphAuth.Denied(GraphErrorBody.invalidParam("The parameter message is required"));
        }
        try {
            return MetaJson.parse(raw.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GraphAuth.Denied(GraphErrorBody.invalidParam("param message must be a JSON object"));
        }
    }
}
