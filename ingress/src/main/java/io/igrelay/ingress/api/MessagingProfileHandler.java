package io.igrelay.ingress.api;

import io.igrelay.avro.Channel;
import io.igrelay.ingress.api.MessagingProfiles.Field;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.ingress.channels.ChannelLookup;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code GET|PUT|DELETE /v1/channels/{channelId}/ice-breakers} and {@code .../persistent-menu}: a channel's ice
 * breakers and persistent menu, read from and written to Meta. The OpenAPI document holds Meta's counts and lengths
 * (4 questions, 20 menu items, 30-character titles, 1000-character payloads); this class holds what JSON Schema says
 * badly: one {@code default} locale is required, no locale may repeat, a postback item needs its payload and a web_url
 * item its URL, so each is a 400 before any Meta call.
 */
public final class MessagingProfileHandler {

    private final OwnChannels channels;
    private final MessagingProfiles profiles;

    public MessagingProfileHandler(ChannelLookup channels, MessagingProfiles profiles) {
        this.channels = new OwnChannels(channels);
        this.profiles = profiles;
    }

    public void handleGetIceBreakers(RoutingContext ctx) {
        get(ctx, Field.ICE_BREAKERS);
    }

    public void handlePutIceBreakers(RoutingContext ctx) {
        put(ctx, Field.ICE_BREAKERS);
    }

    public void handleDeleteIceBreakers(RoutingContext ctx) {
        delete(ctx, Field.ICE_BREAKERS);
    }

    public void handleGetPersistentMenu(RoutingContext ctx) {
        get(ctx, Field.PERSISTENT_MENU);
    }

    public void handlePutPersistentMenu(RoutingContext ctx) {
        put(ctx, Field.PERSISTENT_MENU);
    }

    public void handleDeletePersistentMenu(RoutingContext ctx) {
        delete(ctx, Field.PERSISTENT_MENU);
    }

    private void get(RoutingContext ctx, Field field) {
        Channel channel = channel(ctx);
        profiles.read(channel, field).onSuccess(hub -> ctx.json(hub.put("channelId", channel.getChannelId())))
                .onFailure(ctx::fail);
    }

    private void put(RoutingContext ctx, Field field) {
        JsonObject body = ctx.body().asJsonObject();
        checkLocales(body.getJsonArray("locales"));
        if (field == Field.PERSISTENT_MENU) {
            checkMenuItems(body.getJsonArray("locales"));
        }
        Channel channel = channel(ctx);
        profiles.set(channel, field, body).onSuccess(v -> ctx.json(new JsonObject()
                        .put("channelId", channel.getChannelId()).put("locales", body.getJsonArray("locales"))))
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx, Field field) {
        Channel channel = channel(ctx);
        profiles.delete(channel, field).onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private Channel channel(RoutingContext ctx) {
        AuthenticatedApplication caller = ApiKeyAuthHandler.caller(ctx);
        return channels.require(caller, ctx.pathParam("channelId"));
    }

    /** A postback item carries the payload Meta sends back, a web_url item the URL it opens. */
    static void checkMenuItems(JsonArray locales) {
        for (int i = 0; i < locales.size(); i++) {
            JsonArray items = locales.getJsonObject(i).getJsonArray("items");
            for (int j = 0; j < items.size(); j++) {
                JsonObject item = items.getJsonObject(j);
                String needed = item.getString("type").equals("postback") ? "payload" : "url";
                if (!item.containsKey(needed)) {
                    throw ApiError.invalid("locales[" + i + "].items[" + j + "]." + needed + ": required for a "
                            + item.getString("type") + " item");
                }
            }
        }
    }

    /** Meta requires a {@code default} locale (the fallback for every other user locale); a locale appears once. */
    static void checkLocales(JsonArray locales) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < locales.size(); i++) {
            String locale = locales.getJsonObject(i).getString("locale");
            if (!seen.add(locale)) {
                throw ApiError.invalid("locales[" + i + "].locale: " + locale + " appears twice");
            }
        }
        if (!seen.contains("default")) {
            throw ApiError.invalid("locales: one locale must be \"default\" (Meta shows it where no other matches)");
        }
    }
}
