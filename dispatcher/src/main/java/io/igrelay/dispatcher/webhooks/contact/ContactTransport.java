package io.igrelay.dispatcher.webhooks.contact;

import io.igrelay.dispatcher.webhooks.delivery.AttemptResult;
import io.igrelay.dispatcher.webhooks.delivery.WebhookTarget;
import io.igrelay.dispatcher.webhooks.delivery.WebhookTransport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/*
 * Adds `contact` to the Message events of a webhook registered with includeContact (docs/openapi.yaml
 * WebhookMessageEvent): the profile of the conversation's customer (`from`, or `to` on an echo) from the cache, else
 * from Meta's User Profile API (ContactSource, bounded by its timeout), then hands the body on. A refusal, an error or
 * a timeout never fails or holds back the delivery: the event goes with `contact: null`, counted. The body stays
 * under the cap: when the profile would push it over, it goes without the profile (`contact: null`).
 */
public final class ContactTransport implements WebhookTransport {

    private final WebhookTransport next;
    private final ContactSource source;
    private final ContactCache cache;
    private final int maxBodyBytes;
    private final Counter cached;
    private final Counter fetched;
    private final Counter unavailable;

    public ContactTransport(WebhookTransport next, ContactSource source, ContactCache cache, int maxBodyBytes,
            MeterRegistry registry) {
        this.next = next;
        this.source = source;
        this.cache = cache;
        this.maxBodyBytes = maxBodyBytes;
        this.cached = outcome(registry, "cached");
        this.fetched = outcome(registry, "fetched");
        this.unavailable = outcome(registry, "unavailable");
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("igrelay.dispatcher.webhooks.contacts").tag("outcome", outcome)
                .description("contact profiles attached to Message webhook events, by where they came from")
                .register(registry);
    }

    @Override
    public Future<AttemptResult> deliver(WebhookTarget target, String body) {
        if (!target.includeContact() || !"Message".equals(target.eventType())) {
            return next.deliver(target, body);
        }
        JsonObject event = new JsonObject(body);
        String channelId = event.getString("channelId");
        String igsid = "outbound".equals(event.getString("direction")) ? event.getString("to")
                : event.getString("from");
        if (channelId == null || igsid == null) {
            unavailable.increment();
            return next.deliver(target, with(event, null));
        }
        var hit = cache.get(channelId, igsid);
        if (hit.isPresent()) {
            cached.increment();
            return next.deliver(target, with(event, hit.get()));
        }
        return source.fetch(channelId, igsid).transform(ar -> {
            JsonObject contact = null;
            if (ar.succeeded()) {
                fetched.increment();
                contact = ar.result();
                cache.put(channelId, igsid, contact);
            } else {
                unavailable.increment();
            }
            return next.deliver(target, with(event, contact));
        });
    }

    private String with(JsonObject event, JsonObject contact) {
        String body = event.copy().put("contact", contact).encode();
        if (contact != null && body.getBytes(StandardCharsets.UTF_8).length > maxBodyBytes) {
            return event.copy().putNull("contact").encode();
        }
        return body;
    }
}
