package io.igrelay.ingress.api;

import io.igrelay.avro.Channel;
import io.igrelay.avro.SubscriptionCheck;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.ingress.channels.ChannelLookup;
import io.igrelay.schemas.contract.HubErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /v1/channels} and {@code GET /v1/channels/{uuid}}: the caller's channels as contract §5.2 shows them, paged
 * like the other hub lists ({@code {data, pagination}}, offset/limit 20, at most 50), with the subscription
 * watchdog's last check once there is one. Tokens never leave: only the listed fields are copied out of the Channel
 * record.
 */
public final class ChannelsHandler {

    private final ChannelLookup channels;

    public ChannelsHandler(ChannelLookup channels) {
        this.channels = channels;
    }

    public void handleList(RoutingContext ctx) {
        AuthenticatedApplication caller = ApiKeyAuthHandler.caller(ctx);
        int offset = intParam(ctx, "offset", 0);
        int limit = intParam(ctx, "limit", 20);
        List<Channel> all = channels.byApplication(caller.applicationId()).stream()
                .sorted(Comparator.comparing(Channel::getConnectedAt).thenComparing(Channel::getChannelId))
                .toList();
        JsonArray data = new JsonArray();
        all.stream().skip(offset).limit(limit).map(ChannelsHandler::toJson).forEach(data::add);
        JsonObject pagination = new JsonObject()
                .put("offset", offset)
                .put("limit", limit)
                .put("total", all.size())
                .put("totalPages", (all.size() + limit - 1) / limit);
        ctx.json(new JsonObject().put("data", data).put("pagination", pagination));
    }

    public void handleGet(RoutingContext ctx) {
        AuthenticatedApplication caller = ApiKeyAuthHandler.caller(ctx);
        String channelId = ctx.pathParam("channelId");
        channels.byId(channelId)
                .filter(c -> c.getApplicationId().equals(caller.applicationId()))
                .ifPresentOrElse(c -> ctx.json(toJson(c)),
                        () -> ctx.fail(new ApiError(404, HubErrorCode.CHANNEL_NOT_FOUND,
                                "channel " + channelId + " not found")));
    }

    static JsonObject toJson(Channel channel) {
        JsonObject json = new JsonObject()
                .put("channelId", channel.getChannelId())
                .put("username", channel.getUsername())
                .put("igUserId", channel.getIgUserId());
        if (channel.getPageId() != null) {
            json.put("pageId", channel.getPageId());
        }
        json.put("flavour", channel.getFlavour().name())
                .put("status", channel.getStatus().name())
                .put("connectedAt", channel.getConnectedAt().toString());
        if (channel.getTokenExpiresAt() != null) {
            json.put("tokenExpiresAt", channel.getTokenExpiresAt().toString());
        }
        SubscriptionCheck check = channel.getSubscriptionCheck();
        if (check != null) {
            JsonObject last = new JsonObject().put("checkedAt", check.getCheckedAt().toString())
                    .put("outcome", check.getOutcome().name())
                    .put("missingFields", new JsonArray(List.copyOf(check.getMissingFields())));
            if (check.getDetail() != null) {
                last.put("detail", check.getDetail());
            }
            json.put("subscriptionCheck", last);
        }
        return json;
    }

    private static int intParam(RoutingContext ctx, String name, int defaultValue) {
        String raw = ctx.queryParams().get(name);
        return raw == null ? defaultValue : Integer.parseInt(raw);
    }
}
