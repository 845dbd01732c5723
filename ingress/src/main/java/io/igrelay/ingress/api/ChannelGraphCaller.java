package io.igrelay.ingress.api;

import io.igrelay.avro.Channel;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Makes one Graph call on behalf of a channel's Instagram account ({@link ChannelGraph} against Meta or the sandbox);
 * {@code what} names the call in Meta's refusal.
 */
@FunctionalInterface
public interface ChannelGraphCaller {

    /** A Graph call: method, edge below the account ({@code message_attachments}), query and JSON body (or null). */
    record Call(HttpMethod method, String edge, Map<String, String> query, JsonObject body) {
    }

    Future<JsonObject> call(Channel channel, Call call, String what);
}
