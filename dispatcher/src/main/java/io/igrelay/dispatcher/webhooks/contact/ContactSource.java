package io.igrelay.dispatcher.webhooks.contact;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/* Where a contact profile comes from: Meta's User Profile API (MetaContactSource); tests give their own. */
public interface ContactSource {

    /** The hub's contact JSON (docs/openapi.yaml ContactProfile) of {@code igsid} as seen through the channel. */
    Future<JsonObject> fetch(String channelId, String igsid);

    /** No source configured: every lookup fails, so events go with `contact: null`. */
    ContactSource NONE = (channelId, igsid) -> Future.failedFuture("contact profiles are not configured");
}
