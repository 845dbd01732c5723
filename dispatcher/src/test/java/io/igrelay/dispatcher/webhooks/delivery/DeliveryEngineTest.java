package io.igrelay.dispatcher.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.dispatcher.webhooks.envelope.BodyCap;
import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class DeliveryEngineTest {

    private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");
    private static final int MAX_BODY = 4096;

    private final MutableClock clock = new MutableClock(T0);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final Map<String, WebhookTarget> webhooks = new HashMap<>();
    private final Map<String, Queue<AttemptResult>> scripted = new HashMap<>();
    private final Map<String, List<Promise<AttemptResult>>> held = new HashMap<>();
    private final List<String> sent = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private final List<AttemptRecord> log = new ArrayList<>();
    private final List<String> disabled = new ArrayList<>();
    private final List<String> catchUps = new ArrayList<>();

    private final TargetDirectory directory = new TargetDirectory() {
        @Override
        public Optional<WebhookTarget> get(String id) {
            return Optional.ofNullable(webhooks.get(id));
        }

        @Override
        public List<WebhookTarget> matching(QueuedEvent e) {
            return webhooks.values().stream()
                    .filter(t -> t.wants(e.applicationId(), e.eventType(), e.channelId(), e.status())).toList();
        }
    };

    private final WebhookTransport transport = (target, body) -> {
        sent.add(target.webhookId() + ":" + new JsonObject(body).getString("messageId"));
        bodies.add(body);
        Queue<AttemptResult> script = scripted.get(target.webhookId());
        if (script != null && !script.isEmpty()) {
            return Future.succeededFuture(script.poll());
        }
        if (held.containsKey(target.webhookId())) {
            Promise<AttemptResult> promise = Promise.promise();
            held.get(target.webhookId()).add(promise);
            return promise.future();
        }
        return Future.succeededFuture(ok());
    };

    private final EngineListener listener = new EngineListener() {
        @Override
        public void attempted(AttemptRecord record) {
            log.add(record);
        }

        @Override
        public void disable(WebhookTarget target, String reason, Instant at) {
            disabled.add(target.webhookId() + ":" + reason);
        }
    };

    private final CatchUp catchUp = (target, from, into) -> catchUps.add(target.webhookId() + "@" + from);

    private final DeliveredSet delivered = new DeliveredSet(1000);
    private final DeliveryEngine engine = new DeliveryEngine(directory, transport, scheduler, listener, catchUp,
            new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(72), () -> 1.0),
            delivered, clock, new DeliveryEngine.Limits(2, 3, MAX_BODY));

    private static AttemptResult ok() {
        return AttemptResult.answered(200, 3, "ok", Optional.empty());
    }

    private static AttemptResult status(int code) {
        return AttemptResult.answered(code, 3, "nope", Optional.empty());
    }

    private void webhook(String id) {
        webhooks.put(id, new WebhookTarget(id, "app", "Message", URI.create("https://example.com/" + id), Map.of(),
                true, List.of(), List.of(), List.of(), true, true, Optional.empty()));
    }

    private static QueuedEvent event(String igsid, String messageId) {
        String envelope = new JsonObject().put("eventType", "Message").put("messageId", messageId).encode();
        return new QueuedEvent("e-" + messageId, "Message", "app", "ch", igsid, messageId, null, T0, envelope);
    }

    private static QueuedEvent eventWith(String igsid, String messageId, JsonObject fields) {
        JsonObject envelope = new JsonObject().put("eventType", "Message").put("messageId", messageId)
                .mergeIn(fields);
        return new QueuedEvent("e-" + messageId, "Message", "app", "ch", igsid, messageId, null, T0,
                envelope.encode());
    }

    private static QueuedEvent comment(String igsid, String commentId, String mediaId) {
        String envelope = new JsonObject().put("eventType", "Comment").put("messageId", commentId).encode();
        return new QueuedEvent("e-" + commentId, "Comment", "app", "ch", igsid, commentId, null, T0, envelope,
                QueuedEvent.mediaLane(mediaId));
    }

    private void script(String webhookId, AttemptResult... results) {
        scripted.computeIfAbsent(webhookId, k -> new ArrayDeque<>()).addAll(List.of(results));
    }

    @Test
    void shouldDeliverAndLogASuccess() {
        webhook("w1");
        engine.accept(event("u1", "m1"), 0, 10);
        assertThat(sent).containsExactly("w1:m1");
        assertThat(log).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("Success");
            assertThat(r.attempt()).isEqualTo(1);
            assertThat(r.eventId()).isEqualTo("e-m1");
            assertThat(r.queueOffset()).isEqualTo(10);
        });
        assertThat(engine.committable(0)).hasValue(11);
    }

    @Test
    void shouldRetryWithBackoffKeepingConversationOrder() {
        webhook("w1");
        script("w1", status(500), status(503));
        engine.accept(event("u1", "m1"), 0, 1);
        engine.accept(event("u1", "m2"), 0, 2);
        assertThat(sent).containsExactly("w1:m1");
        assertThat(log.get(0).nextAttemptAt()).contains(T0.plusSeconds(5));
        scheduler.runNext();
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(5));
        scheduler.runNext();
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(15));
        assertThat(sent).containsExactly("w1:m1", "w1:m1", "w1:m1", "w1:m2");
        assertThat(log).extracting(AttemptRecord::attempt).containsExactly(1, 2, 3, 1);
        assertThat(engine.committable(0)).hasValue(3);
    }

    @Test
    void shouldNotHoldOtherConversationsOfTheSameWebhook() {
        webhook("w1");
        script("w1", status(500));
        engine.accept(event("u1", "m1"), 0, 1);
        engine.accept(event("u2", "m2"), 0, 2);
        assertThat(sent).containsExactly("w1:m1", "w1:m2");
        assertThat(engine.committable(0)).hasValue(1);
    }

    @Test
    void shouldKeepOneMediasCommentsInOrderWhoeverWroteThemAndNotHoldOtherMedia() {
        webhooks.put("wc", new WebhookTarget("wc", "app", "Comment", URI.create("https://example.com/wc"), Map.of(),
                true, List.of(), List.of(), List.of(), true, true, Optional.empty()));
        script("wc", status(500));
        engine.accept(comment("u1", "c1", "media-a"), 0, 1);
        engine.accept(comment("u2", "c2", "media-a"), 0, 2);
        engine.accept(comment("u2", "c3", "media-b"), 0, 3);
        assertThat(sent).containsExactly("wc:c1", "wc:c3");
        scheduler.runNext();
        assertThat(sent).containsExactly("wc:c1", "wc:c3", "wc:c1", "wc:c2");
    }

    @Test
    void shouldNotHoldOtherWebhooksWhileOneEndpointIsDown() {
        webhook("down");
        webhook("up");
        held.put("down", new ArrayList<>());
        for (int i = 0; i < 5; i++) {
            engine.accept(event("u" + i, "m" + i), 0, i);
        }
        assertThat(sent.stream().filter(s -> s.startsWith("up:"))).hasSize(5);
        assertThat(held.get("down")).hasSize(2); // the per-endpoint in-flight cap
    }

    @Test
    void shouldDisableOnGoneAndReleaseItsQueue() {
        webhook("w1");
        script("w1", status(410));
        engine.accept(event("u1", "m1"), 0, 1);
        engine.accept(event("u1", "m2"), 0, 2);
        assertThat(disabled).singleElement().asString().contains("410");
        assertThat(sent).containsExactly("w1:m1");
        assertThat(engine.committable(0)).hasValue(3);
    }

    @Test
    void shouldDisableAfterSeventyTwoHoursOfFailures() {
        webhook("w1");
        held.remove("w1");
        for (int i = 0; i < 200; i++) {
            script("w1", status(500));
        }
        engine.accept(event("u1", "m1"), 0, 1);
        while (disabled.isEmpty() && scheduler.pending() > 0) {
            scheduler.runNext();
        }
        assertThat(disabled).singleElement().asString().contains("72 h");
        assertThat(Duration.between(T0, clock.instant())).isEqualTo(Duration.ofHours(72));
        assertThat(log.get(log.size() - 1).nextAttemptAt()).isEmpty();
    }

    @Test
    void shouldSkipAnEventTheWebhookAlreadyReceivedButResendOnManualRetry() {
        webhook("w1");
        delivered.add("w1", "e-m1");
        engine.accept(event("u1", "m1"), 0, 1);
        assertThat(sent).isEmpty();
        engine.resend("w1", event("u1", "m1"), 0, 1, false);
        assertThat(sent).containsExactly("w1:m1");
    }

    @Test
    void shouldAskTheAttemptLogOnlyAboutRecordsFromBeforeThePartitionWasAssigned() {
        List<String> asked = new ArrayList<>();
        DeliveredSet withLog = new DeliveredSet(1000, (webhookId, eventId) -> {
            asked.add(eventId);
            return eventId.equals("e-m1");
        });
        DeliveryEngine fresh = new DeliveryEngine(directory, transport, scheduler, listener, catchUp,
                new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(72), () -> 1.0),
                withLog, clock, new DeliveryEngine.Limits(2, 3, MAX_BODY));
        webhook("w1");
        fresh.assigned(0, 5);

        fresh.accept(event("u1", "m1"), 0, 4); // read again after the take-over: delivered before, skipped
        fresh.accept(event("u2", "m2"), 0, 5); // written after the take-over: nobody can have sent it
        fresh.accept(event("u3", "m3"), 1, 100); // a partition whose end was not told: asked

        assertThat(asked).containsExactly("e-m1", "e-m3");
        assertThat(sent).containsExactly("w1:m2", "w1:m3");
    }

    @Test
    void shouldPauseTheEndpointOnRetryAfter() {
        webhook("w1");
        script("w1", AttemptResult.answered(429, 1, "", Optional.of(Duration.ofSeconds(30))));
        engine.accept(event("u1", "m1"), 0, 1);
        engine.accept(event("u2", "m2"), 0, 2);
        assertThat(sent).containsExactly("w1:m1");
        scheduler.runNext();
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(30));
        assertThat(sent).containsExactly("w1:m1", "w1:m2", "w1:m1");
    }

    @Test
    void shouldSendNothingToAnUnverifiedWebhook() {
        webhooks.put("w1", new WebhookTarget("w1", "app", "Message", URI.create("https://example.com/"), Map.of(),
                true, List.of(), List.of(), List.of(), false, true, Optional.empty()));
        engine.accept(event("u1", "m1"), 0, 1);
        assertThat(sent).isEmpty();
        assertThat(engine.committable(0)).hasValue(2);
    }

    @Test
    void shouldHoldLiveEventsWhileAReEnabledWebhookCatchesUp() {
        webhook("w1");
        WebhookTarget enabled = webhooks.get("w1");
        WebhookTarget off = new WebhookTarget("w1", "app", "Message", enabled.endpoint(), Map.of(), true,
                List.of(), List.of(), List.of(), true, false, Optional.of(T0));
        webhooks.put("w1", off);
        engine.changed(off);
        engine.accept(event("u1", "m1"), 0, 1);
        assertThat(sent).isEmpty();
        webhooks.put("w1", enabled);
        assertThat(engine.changed(enabled)).contains(T0.minus(Duration.ofHours(72)));
        engine.accept(event("u1", "m2"), 0, 2);
        engine.resend("w1", event("u1", "m1"), 0, 1, true);
        assertThat(sent).containsExactly("w1:m1");
        engine.caughtUp("w1");
        assertThat(sent).containsExactly("w1:m1", "w1:m2");
    }

    @Test
    void shouldParkAFailingEndpointSoTheQueueMovesOnAndCatchUpWhenItAnswers() {
        webhook("down");
        script("down", status(500));
        engine.accept(event("u1", "m1"), 0, 1);
        for (int i = 2; i <= 6; i++) {
            engine.accept(event("u1", "m" + i), 0, i); // queue up behind the failing head
        }
        assertThat(engine.committable(0)).hasValue(7);
        assertThat(engine.pendingRecords()).isZero();
        scheduler.runNext();
        assertThat(sent).endsWith("down:m1");
        assertThat(catchUps).containsExactly("down@" + T0.minusSeconds(60));
        engine.accept(event("u9", "m9"), 0, 9);
        assertThat(sent).doesNotContain("down:m9");
        engine.caughtUp("down");
        assertThat(sent).endsWith("down:m9");
    }

    @Test
    void shouldTruncateAnOversizedBodyDeliverItAndLogWhy() {
        webhook("w1");
        String text = "x".repeat(3 * MAX_BODY);
        engine.accept(eventWith("u1", "m1", new JsonObject().put("content",
                new JsonObject().put("type", "text").put("text", text))), 0, 1);
        assertThat(sent).containsExactly("w1:m1");
        String body = bodies.get(0);
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MAX_BODY);
        JsonObject json = new JsonObject(body);
        assertThat(json.getBoolean("truncated")).isTrue();
        assertThat(json.getLong("sequence")).isEqualTo(1);
        assertThat(json.getJsonObject("content").getString("text")).endsWith(BodyCap.TRUNCATION_MARK);
        assertThat(log).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("Success");
            assertThat(r.truncation()).hasValueSatisfying(n -> assertThat(n).contains("content.text")
                    .doesNotContain("xxxx"));
        });
    }

    @Test
    void shouldLogAnEventThatCannotFitAndMoveOnWithItsConversation() {
        webhook("w1");
        engine.accept(eventWith("u1", "m1", new JsonObject().put("from", "9".repeat(2 * MAX_BODY))), 0, 1);
        engine.accept(event("u1", "m2"), 0, 2);
        assertThat(sent).containsExactly("w1:m2");
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).satisfies(r -> {
            assertThat(r.status()).isEqualTo("Failed");
            assertThat(r.errorClass()).contains(DeliveryEngine.BODY_TOO_LARGE);
            assertThat(r.nextAttemptAt()).isEmpty();
            assertThat(r.truncation()).isPresent();
        });
        assertThat(engine.committable(0)).hasValue(3);
        assertThat(disabled).isEmpty();
    }

    @Test
    void shouldSendAnEventUnderTheCapUntouched() {
        webhook("w1");
        engine.accept(event("u1", "m1"), 0, 1);
        assertThat(new JsonObject(bodies.get(0)).containsKey("truncated")).isFalse();
        assertThat(log.get(0).truncation()).isEmpty();
    }
}
