package io.igrelay.dispatcher.webhooks.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.dispatcher.webhooks.delivery.AttemptResult;
import io.igrelay.dispatcher.webhooks.delivery.WebhookTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ContactTransportTest {

    private final List<String> sent = new ArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private boolean metaRefuses;

    private final ContactSource source = (channelId, igsid) -> {
        fetches.incrementAndGet();
        return metaRefuses ? Future.failedFuture("(#230) User consent is required")
                : Future.succeededFuture(new JsonObject().put("igsid", igsid).put("channelId", channelId)
                        .put("name", "Ana").put("username", "ana.b").put("followerCount", 312));
    };

    private ContactTransport transport(int maxBodyBytes) {
        return new ContactTransport((target, body) -> {
            sent.add(body);
            return Future.succeededFuture(AttemptResult.failed("TEST", 0));
        }, source, new ContactCache(Duration.ofHours(1), 100, Clock.systemUTC()), maxBodyBytes, registry);
    }

    private static WebhookTarget target(String eventType, boolean includeContact) {
        return new WebhookTarget("w1", "app", eventType, URI.create("https://example.com/"), Map.of(), false,
                List.of(), List.of(), List.of(), true, true, Optional.empty(), includeContact);
    }

    private static String message(String direction, String from, String to) {
        JsonObject json = new JsonObject().put("eventType", "Message").put("channelId", "c1").put("from", from)
                .put("direction", direction).put("content", new JsonObject().put("type", "text"));
        return (to == null ? json : json.put("to", to)).encode();
    }

    private double count(String outcome) {
        return registry.counter("igrelay.dispatcher.webhooks.contacts", "outcome", outcome).count();
    }

    @Test
    void shouldAttachTheCustomersProfileAndFetchItOncePerTtl() {
        ContactTransport transport = transport(256 * 1024);
        transport.deliver(target("Message", true), message("inbound", "u1", null));
        transport.deliver(target("Message", true), message("outbound", "biz", "u1"));
        assertThat(sent).hasSize(2).allSatisfy(body -> {
            JsonObject contact = new JsonObject(body).getJsonObject("contact");
            assertThat(contact.getString("igsid")).isEqualTo("u1");
            assertThat(contact.getString("username")).isEqualTo("ana.b");
        });
        assertThat(fetches).hasValue(1);
        assertThat(count("fetched")).isEqualTo(1);
        assertThat(count("cached")).isEqualTo(1);
    }

    @Test
    void shouldLeaveTheBodyAloneWhenNotAskedOrNotAMessage() {
        ContactTransport transport = transport(256 * 1024);
        String body = message("inbound", "u1", null);
        transport.deliver(target("Message", false), body);
        transport.deliver(target("MessageStatus", true), body);
        assertThat(sent).containsExactly(body, body);
        assertThat(fetches).hasValue(0);
    }

    @Test
    void shouldSendWithANullContactWhenMetaRefuses() {
        metaRefuses = true;
        ContactTransport transport = transport(256 * 1024);
        transport.deliver(target("Message", true), message("inbound", "u1", null));
        JsonObject body = new JsonObject(sent.get(0));
        assertThat(body.containsKey("contact")).isTrue();
        assertThat(body.getValue("contact")).isNull();
        assertThat(count("unavailable")).isEqualTo(1);
    }

    @Test
    void shouldDropTheProfileRatherThanPassTheBodyCap() {
        String body = message("inbound", "u1", null);
        ContactTransport transport = transport(body.length() + 20);
        transport.deliver(target("Message", true), body);
        assertThat(new JsonObject(sent.get(0)).getValue("contact")).isNull();
    }
}
