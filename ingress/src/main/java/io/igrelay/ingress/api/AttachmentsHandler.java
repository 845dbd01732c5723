package io.igrelay.ingress.api;

import io.igrelay.avro.Channel;
import io.igrelay.avro.MediaKind;
import io.igrelay.avro.ReusableAttachment;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.ingress.channels.ChannelLookup;
import io.igrelay.schemas.contract.HubErrorCode;
import io.igrelay.schemas.topics.Topics;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST} and {@code GET /v1/channels/{channelId}/attachments}: uploads media once through Meta's Attachment
 * Upload API ({@code message_attachments} with {@code is_reusable}) and keeps Meta's {@code attachment_id} per channel
 * on ig.attachments; the 201 is written once that record is acknowledged (reply-after-ack), so a listed id is never
 * lost. Meta lets an id be sent for 90 days; the list shows when each expires.
 * https://developers.facebook.com/docs/messenger-platform/reference/attachment-upload-api
 */
public final class AttachmentsHandler {

    /** "Attachment IDs expire after 90 days" (Attachment Upload API reference). */
    static final Duration META_TTL = Duration.ofDays(90);

    private final OwnChannels channels;
    private final ReusableAttachments attachments;
    private final ChannelGraphCaller meta;
    private final RecordPublisher publisher;
    private final Clock clock;

    public AttachmentsHandler(ChannelLookup channels, ReusableAttachments attachments,
                              ChannelGraphCaller meta,
                              RecordPublisher publisher, Clock clock) {
        this.channels = new OwnChannels(channels);
        this.attachments = attachments;
        this.meta = meta;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The Graph call that uploads {@code url} as a reusable attachment of {@code type}. */
    static ChannelGraphCaller.Call uploadCall(String type, String url) {
        return new ChannelGraphCaller.Call(HttpMethod.POST, "message_attachments", Map.of(), new JsonObject()
                .put("message", new JsonObject().put("attachment", new JsonObject().put("type", type)
                        .put("payload", new JsonObject().put("url", url).put("is_reusable", true)))));
    }

    public void handleUpload(RoutingContext ctx) {
        AuthenticatedApplication caller = ApiKeyAuthHandler.caller(ctx);
        Channel channel = channels.require(caller, ctx.pathParam("channelId"));
        JsonObject request = ctx.body().asJsonObject();
        String type = request.getString("type");
        String url = request.getString("url");
        meta.call(channel, uploadCall(type, url), "the upload").compose(answer -> {
            String id = answer.getValue("attachment_id") == null ? null : String.valueOf(answer.getValue(
                    "attachment_id"));
            if (id == null || !id.matches("[0-9]{1,32}")) {
                return Future.failedFuture(new ApiError(502, HubErrorCode.META_ERROR,
                        "Meta answered the upload without an attachment_id"));
            }
            Instant now = clock.instant();
            ReusableAttachment record = ReusableAttachment.newBuilder().setChannelId(channel.getChannelId())
                    .setApplicationId(caller.applicationId()).setAttachmentId(id)
                    .setKind(MediaKind.valueOf(type.toUpperCase(Locale.ROOT))).setUrl(url).setUploadedAt(now)
                    .setExpiresAt(now.plus(META_TTL)).build();
            String key = ReusableAttachments.key(channel.getChannelId(), id);
            return publisher.publish(Topics.ATTACHMENTS, key, record)
                    .recover(e -> Future.failedFuture(ApiError.unavailable("the attachment " + id
                            + " was uploaded to Meta but could not be kept, retry later")))
                    .map(v -> {
                        attachments.apply(key, record);
                        return record;
                    });
        }).onSuccess(record -> ctx.response().setStatusCode(201).putHeader("content-type", "application/json")
                .end(toJson(record).encode())).onFailure(ctx::fail);
    }

    public void handleList(RoutingContext ctx) {
        AuthenticatedApplication caller = ApiKeyAuthHandler.caller(ctx);
        Channel channel = channels.owned(caller, ctx.pathParam("channelId"));
        int offset = intParam(ctx, "offset", 0);
        int limit = intParam(ctx, "limit", 20);
        List<ReusableAttachment> all = attachments.of(channel.getChannelId());
        JsonArray data = new JsonArray();
        all.stream().skip(offset).limit(limit).map(AttachmentsHandler::toJson).forEach(data::add);
        ctx.json(new JsonObject().put("data", data).put("pagination", new JsonObject().put("offset", offset)
                .put("limit", limit).put("total", all.size()).put("totalPages", (all.size() + limit - 1) / limit)));
    }

    static JsonObject toJson(ReusableAttachment a) {
        return new JsonObject().put("attachmentId", a.getAttachmentId()).put("channelId", a.getChannelId())
                .put("type", a.getKind().name().toLowerCase(Locale.ROOT)).put("url", a.getUrl())
                .put("uploadedAt", a.getUploadedAt().toString()).put("expiresAt", a.getExpiresAt().toString());
    }

    private static int intParam(RoutingContext ctx, String name, int defaultValue) {
        String raw = ctx.queryParams().get(name);
        return raw == null ? defaultValue : Integer.parseInt(raw);
    }
}
