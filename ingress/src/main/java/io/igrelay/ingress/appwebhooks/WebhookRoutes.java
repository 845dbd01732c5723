package io.igrelay.ingress.appwebhooks;

import io.igrelay.avro.EncryptedValue;
import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookEvent;
import io.igrelay.avro.WebhookEventType;
import io.igrelay.avro.WebhookRegistration;
import io.igrelay.schemas.contract.HubErrorCode;
import io.igrelay.schemas.crypto.TokenCipher;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/*
 * The registration half of the Application webhooks (contract §5.2/6.5): create, list, read, change and delete an Application's webhooks,
 * verify them, send a test event and rotate the signing secret. Every change is a WebhookEvent on
 * hub.webhook.events answered after the broker's ack; the signing secret is encrypted like channel tokens and shown
 * only by the create and rotate answers. Log queries, retries and replays live in WebhookLogRoutes.
 */
public final class WebhookRoutes {

    public static final String BASE = "/v1/organization/webhook";
    private static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final WebhookStore store;
    private final EndpointPolicy policy;
    private final EndpointCaller caller;
    private final TokenCipher cipher;
    private final ApplicationAuthenticator auth;
    private final WebhookLogRoutes logRoutes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public WebhookRoutes(WebhookStore store, EndpointPolicy policy, EndpointCaller caller, TokenCipher cipher,
            ApplicationAuthenticator auth, WebhookLogRoutes logRoutes,
            Clock clock) {
        this.store = store;
        this.policy = policy;
        this.caller = caller;
        this.cipher = cipher;
        this.auth = auth;
        this.logRoutes = logRoutes;
        this.clock = clock;
    }

    /**
     * Attaches the handlers to the hub API's OpenAPI routes (docs/openapi.yaml), behind its API-key check and its
     * request validation; the hub API's failure handler answers
     * this module's refusals (HookError) like its own.
     */
    public void attach(RouterBuilder builder) {
        Handler<RoutingContext> limit = this::bodyLimit;
        route(builder, "createWebhook", limit, this::create);
        route(builder, "listWebhooks", limit, this::list);
        route(builder, "getWebhook", limit, this::read);
        route(builder, "updateWebhook", limit, this::update);
        route(builder, "deleteWebhook", limit, this::delete);
        route(builder, "verifyWebhook", limit, this::verify);
        route(builder, "testWebhook", limit, this::test);
        route(builder, "rotateWebhookSecret", limit, this::rotate);
        logRoutes.attach((operationId, handler) -> route(builder, operationId, limit, handler), BASE, this::owned);
    }

    private void route(RouterBuilder builder, String operationId, Handler<RoutingContext> limit,
            Handler<RoutingContext> handler) {
        builder.getRoute(operationId).addHandler(limit).addHandler(handler);
    }

    /** The registrations' own bound on a body (the hub API's is larger), as before they shared its router. */
    private void bodyLimit(RoutingContext ctx) {
        if (ctx.body() != null && ctx.body().length() > MAX_BODY_BYTES) {
            ctx.fail(new HookError(413, HubErrorCode.INVALID_PAYLOAD, "request body too large"));
            return;
        }
        ctx.next();
    }

    private void create(RoutingContext ctx) {
        String app = application(ctx);
        WebhookRegistration registration = WebhookRequest.create(json(ctx), policy);
        String id = UUID.randomUUID().toString();
        String secret = newSecret();
        WebhookEvent registered = event(id, app, WebhookEventType.REGISTERED).setRegistration(registration)
                .setSecret(cipher.encrypt(secret)).build();
        reply(ctx, 201, checkAddress(registration.getEndpoint()).compose(v -> store.publish(registered))
                .compose(w -> runVerification(w.orElseThrow()))
                .map(w -> WebhookJson.of(w).put("signingSecret", secret)));
    }

    private void list(RoutingContext ctx) {
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(ctx, "limit", 20, 1, 50);
        List<Webhook> all = store.list(application(ctx));
        JsonArray data = new JsonArray();
        all.stream().skip(offset).limit(limit).map(WebhookJson::of).forEach(data::add);
        send(ctx, 200, WebhookJson.page(data, offset, limit, all.size()));
    }

    private void read(RoutingContext ctx) {
        send(ctx, 200, WebhookJson.of(owned(ctx)));
    }

    private void update(RoutingContext ctx) {
        Webhook current = owned(ctx);
        JsonObject body = json(ctx);
        WebhookRegistration next = WebhookRequest.patch(current.getRegistration(), body, policy);
        Optional<Boolean> enabled = WebhookRequest.enabled(body);
        boolean moved = !next.getEndpoint().equals(current.getRegistration().getEndpoint());
        Future<Optional<Webhook>> changed = next.equals(current.getRegistration())
                ? Future.succeededFuture(Optional.of(current))
                : checkAddress(next.getEndpoint()).compose(v -> store.publish(
                        event(current, WebhookEventType.UPDATED).setRegistration(next).build()));
        if (enabled.isPresent() && enabled.get() != current.getEnabled()) {
            WebhookEventType type = enabled.get() ? WebhookEventType.ENABLED : WebhookEventType.DISABLED;
            changed = changed.compose(w -> store.publish(event(current, type)
                    .setReason(enabled.get() ? null : "disabled by the Application").build()));
        }
        reply(ctx, 200, changed.compose(w -> moved ? runVerification(w.orElseThrow())
                : Future.succeededFuture(w.orElseThrow())).map(WebhookJson::of));
    }

    private void delete(RoutingContext ctx) {
        Webhook current = owned(ctx);
        store.publish(event(current, WebhookEventType.DELETED).build())
                .onSuccess(w -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private void verify(RoutingContext ctx) {
        reply(ctx, 200, runVerification(owned(ctx)).map(WebhookJson::of));
    }

    private void test(RoutingContext ctx) {
        Webhook w = owned(ctx);
        String body = TestEvents.of(w, clock.instant()).encode();
        List<String> secrets = w.getRegistration().getRequiresSignature() ? activeSecrets(w) : List.of();
        reply(ctx, 200, caller.post(URI.create(w.getRegistration().getEndpoint()), w.getRegistration().getHeaders(),
                java.util.Map.of(), body, secrets).map(a -> new JsonObject().put("success", a.ok())
                .put("statusCode", a.status()).put("durationMs", a.durationMs())
                .put("errorClass", a.errorClass()).put("responseBody", a.body())));
    }

    private void rotate(RoutingContext ctx) {
        Webhook w = owned(ctx);
        JsonObject body = ctx.body().isEmpty() ? new JsonObject() : json(ctx);
        Object hours = body.getValue("overlapHours");
        if (hours != null && !(hours instanceof Number n && n.intValue() >= 0 && n.intValue() <= 168)) {
            throw HookError.invalid("overlapHours must be a number from 0 to 168");
        }
        Duration overlap = hours == null ? DEFAULT_OVERLAP : Duration.ofHours(((Number) hours).intValue());
        String secret = newSecret();
        Instant until = clock.instant().plus(overlap);
        reply(ctx, 200, store.publish(event(w, WebhookEventType.SECRET_ROTATED)
                .setSecret(cipher.encrypt(secret)).setPreviousSecretsUntil(until).build())
                .map(after -> new JsonObject().put("id", w.getWebhookId()).put("signingSecret", secret)
                        .put("previousSecretsValidUntil", until.toString())));
    }

    /** Refuses (400) an endpoint whose host resolves to a private, loopback or link-local address. */
    private Future<Void> checkAddress(String endpoint) {
        return caller.resolves(URI.create(endpoint)).compose(ok -> ok ? Future.succeededFuture()
                : Future.failedFuture(HookError.invalid(
                        "endpoint must resolve to a public address (private, loopback and link-local are refused)")));
    }

    /** POSTs a fresh X-Validation-Token; records VERIFIED or VERIFICATION_FAILED. */
    private Future<Webhook> runVerification(Webhook w) {
        String token = UUID.randomUUID().toString();
        return caller.verify(URI.create(w.getRegistration().getEndpoint()), w.getRegistration().getHeaders(), token)
                .compose(passed -> store.publish(event(w, passed ? WebhookEventType.VERIFIED
                        : WebhookEventType.VERIFICATION_FAILED)
                        .setReason(passed ? null : "the endpoint did not echo X-Validation-Token").build()))
                .map(Optional::orElseThrow);
    }

    private List<String> activeSecrets(Webhook w) {
        Instant now = clock.instant();
        return w.getSecrets().stream().filter(s -> s.getValidUntil() == null || s.getValidUntil().isAfter(now))
                .map(s -> decrypt(s.getSecret())).toList();
    }

    private String decrypt(EncryptedValue value) {
        return cipher.decrypt(value);
    }

    Webhook owned(RoutingContext ctx) {
        return store.get(application(ctx), ctx.pathParam("id")).orElseThrow(HookError::notFound);
    }

    private String application(RoutingContext ctx) {
        return auth.applicationId(ctx).orElseThrow(() -> new HookError(401, HubErrorCode.UNAUTHORIZED,
                "unknown API key"));
    }

    private WebhookEvent.Builder event(Webhook w, WebhookEventType type) {
        return event(w.getWebhookId(), w.getApplicationId(), type);
    }

    private WebhookEvent.Builder event(String id, String app, WebhookEventType type) {
        return WebhookEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setWebhookId(id)
                .setApplicationId(app).setType(type).setAt(clock.instant());
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static JsonObject json(RoutingContext ctx) {
        try {
            return ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            throw HookError.invalid("body must be a JSON object");
        }
    }

    static int intParam(RoutingContext ctx, String name, int def, int min, int max) {
        String raw = ctx.request().getParam(name);
        if (raw == null || raw.isBlank()) {
            return def;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw HookError.invalid(name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw HookError.invalid(name + " must be an integer");
        }
    }

    static void reply(RoutingContext ctx, int status, Future<JsonObject> answer) {
        answer.onSuccess(json -> send(ctx, status, json)).onFailure(ctx::fail);
    }

    static void send(RoutingContext ctx, int status, JsonObject json) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(json.encode());
    }
}
