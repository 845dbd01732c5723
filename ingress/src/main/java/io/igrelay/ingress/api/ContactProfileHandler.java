package io.igrelay.ingress.api;

import io.igrelay.avro.Channel;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.ingress.channels.ChannelLookup;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiFunction;

/**
 * {@code GET /v1/communication/instagram/contacts/{igsid}}: the contact's Instagram profile through the channel it
 * wrote to. A contact that never wrote to one of the caller's channels is refused (404) without calling Meta, since
 * Meta shares a profile only once the user wrote; what Meta refuses (consent, permission) comes back as 422 with
 * Meta's message; a profile is kept for {@link ContactProfiles#TTL}.
 */
public final class ContactProfileHandler {

    private final ContactChannels contacts;
    private final ContactProfiles profiles;
    private final BiFunction<Channel, String, Future<JsonObject>> meta;

    public ContactProfileHandler(ProcessorClient processor, ChannelLookup channels, ContactProfiles profiles,
                                 BiFunction<Channel, String, Future<JsonObject>> meta) {
        this.contacts = new ContactChannels(processor, channels);
        this.profiles = profiles;
        this.meta = meta;
    }

    public void handle(RoutingContext ctx) {
        AuthenticatedApplication caller = ApiKeyAuthHandler.caller(ctx);
        String igsid = ctx.pathParam("igsid");
        contacts.of(caller, igsid).compose(c -> profiles.get(c.getChannelId(), igsid, () -> meta.apply(c, igsid))
                        .map(profile -> profile.put("channelId", c.getChannelId())))
                .onSuccess(profile -> ctx.response().setStatusCode(200).putHeader("content-type", "application/json")
                .end(profile.encode())).onFailure(ctx::fail);
    }
}
