package io.igrelay.ingress.meta.intake;

import io.igrelay.avro.WebhookDelivery;
import io.igrelay.ingress.meta.AppSecret;
import io.igrelay.ingress.meta.WebhookSignature;
import io.igrelay.ingress.spool.SpoolFullException;
import io.igrelay.ingress.spool.SpoolingPublisher;
import io.igrelay.schemas.config.Secret;
import io.igrelay.schemas.contract.HubErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meta's webhook endpoint (contract §5.1): the subscription handshake, and intake of signed deliveries. A delivery is
 * checked against its signature over the raw bytes, stored as one {@link WebhookDelivery} byte for byte, and
 * answered 200 only from the publisher's completion (Kafka ack or spool fsync), hopping back to the request's
 * event loop; nothing here blocks it. The public server's handler is {@link #interceptor}, which takes the POSTs
 * to {@link #PATH} straight from the connection (the hot path) and passes everything else to the router, where
 * {@link #mount(Router)} puts the verification handshake and the same intake for the path's other spellings.
 */
public final class MetaWebhookRoutes {

    public static final String PATH = "/webhooks/instagram";
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    /** What unfinished bodies may hold together beyond their first 64 KiB each (see {@link BodyBudget}). */
    public static final long LARGE_BODY_BUDGET_BYTES = 64L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(MetaWebhookRoutes.class);
    private static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized("text/plain; charset=utf-8");
    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
    private static final Buffer EVENT_RECEIVED = Buffer.buffer("EVENT_RECEIVED");

    private final Secret verifyToken;
    private final WebhookSignature signature;
    private final SpoolingPublisher publisher;
    private final DeliveryEncoder encoder;
    private final String ingressId;
    private final Clock clock;
    private final WebhookMetrics metrics;
    private final BodyBudget budget = new BodyBudget(LARGE_BODY_BUDGET_BYTES);

    public MetaWebhookRoutes(Secret verifyToken, List<AppSecret> apps, SpoolingPublisher publisher,
                         DeliveryEncoder encoder, String ingressId, Clock clock,
                         MeterRegistry registry) {
        this.verifyToken = verifyToken;
        this.signature = new WebhookSignature(apps);
        this.publisher = publisher;
        this.encoder = encoder;
        this.ingressId = ingressId;
        this.clock = clock;
        this.metrics = new WebhookMetrics(registry);
    }

    public void mount(Router router) {
        router.get(PATH).handler(this::handleVerification);
        router.post(PATH)
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::requireJson)
                .handler(this::handleDelivery)
                .failureHandler(this::handleFailure);
    }

    /** {@code hub.mode=subscribe} with our verify token: echo the challenge as text, else 403. */
    private void handleVerification(RoutingContext ctx) {
        String mode = ctx.request().getParam("hub.mode");
        String challenge = ctx.request().getParam("hub.challenge");
        if ("subscribe".equals(mode) && challenge != null && verifyToken.matches(ctx.request().getParam(
                "hub.verify_token"))) {
            ctx.response().putHeader("content-type", "text/plain; charset=utf-8").end(challenge);
            return;
        }
        error(ctx, 403, HubErrorCode.UNAUTHORIZED.name(), "hub.mode must be subscribe and hub.verify_token must match");
    }

    private void requireJson(RoutingContext ctx) {
        if (!isJson(ctx.request().getHeader("content-type"))) {
            metrics.rejected("content_type");
            error(ctx, 415, HubErrorCode.INVALID_PAYLOAD.name(), "Content-Type must be application/json");
            return;
        }
        ctx.next();
    }

    /**
     * The public server's request handler: {@code POST /webhooks/instagram} is taken straight from the connection
     * (the hot path: no router, no body handler, no routing context), everything else goes on to {@code next}
     * (the router, where {@link #mount} put the same intake for the path's other spellings and the 405s).
     */
    public Handler<HttpServerRequest> interceptor(Handler<HttpServerRequest> next) {
        return request -> {
            if (request.method() == HttpMethod.POST && PATH.equals(request.path())) {
                receive(request);
            } else {
                next.handle(request);
            }
        };
    }

    /** Reads the body (at most MAX_BODY_BYTES, else 413 as the body handler answers), then {@link #deliver}. */
    private void receive(HttpServerRequest request) {
        long receivedNanos = System.nanoTime();
        BodyReader.read(request, MAX_BODY_BYTES, budget, new BodyReader.Outcome() {
            @Override
            public void body(byte[] body) {
                deliver(request, body, receivedNanos);
            }

            @Override
            public void tooLarge() {
                MetaWebhookRoutes.this.tooLarge(request.response());
            }

            @Override
            public void overBudget() {
                metrics.rejected("body_budget");
                request.response().putHeader("retry-after", "5").putHeader(HttpHeaders.CONNECTION, "close");
                error(request.response(), 503, HubErrorCode.INTERNAL.name(),
                        "too many large deliveries in flight, retry later");
                request.connection().close();
            }

            @Override
            public void broken(Throwable error) {
                metrics.rejected("bad_request");
                error(request.response(), 400, HubErrorCode.INVALID_PAYLOAD.name(), "the request could not be read");
            }
        });
    }

    private void tooLarge(HttpServerResponse response) {
        metrics.rejected("too_large");
        error(response, 413, HubErrorCode.INVALID_PAYLOAD.name(), "the body exceeds " + MAX_BODY_BYTES + " bytes");
    }

    private void handleDelivery(RoutingContext ctx) {
        Buffer buffer = ctx.body().buffer();
        deliver(ctx.request(), buffer == null ? new byte[0] : buffer.getBytes(), System.nanoTime());
    }

    /** A whole body has arrived: check the content type and signature, then publish and answer from its outcome. */
    private void deliver(HttpServerRequest request, byte[] body, long receivedNanos) {
        HttpServerResponse response = request.response();
        if (!isJson(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            metrics.rejected("content_type");
            error(response, 415, HubErrorCode.INVALID_PAYLOAD.name(), "Content-Type must be application/json");
            return;
        }
        String header = request.getHeader(WebhookSignature.HEADER);
        if (header == null) {
            metrics.rejected("signature_missing");
            error(response, 401, HubErrorCode.UNAUTHORIZED.name(), WebhookSignature.HEADER + " is missing");
            return;
        }
        Optional<AppSecret> app = signature.verify(header, body);
        if (app.isEmpty()) {
            metrics.rejected("signature_invalid");
            error(response, 401, HubErrorCode.UNAUTHORIZED.name(),
                    WebhookSignature.HEADER + " does not match the body");
            return;
        }
        DeliveryInspection inspection = DeliveryInspection.of(body);
        if (inspection.malformed()) {
            metrics.malformed();
        }
        WebhookDelivery delivery = WebhookDelivery.newBuilder()
                .setDeliveryId(UUID.randomUUID().toString())
                .setReceivedAt(clock.instant())
                .setBody(ByteBuffer.wrap(body))
                .setHeaders(headers(request, header))
                .setSignedWith(app.get().app())
                .setMalformed(inspection.malformed())
                .setSpooled(false)
                .setIngressId(ingressId)
                .build();
        DeliveryRecord record = new DeliveryRecord(inspection.firstEntryId().orElse(null), delivery, encoder);
        Context context = Vertx.currentContext();
        publisher.publish(record).whenComplete((route, error) -> context.runOnContext(v -> {
            if (error == null) {
                metrics.accepted(route, body.length, receivedNanos);
                response.putHeader(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN).end(EVENT_RECEIVED);
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                boolean full = cause instanceof SpoolFullException;
                metrics.rejected(full ? "spool_full" : "not_durable");
                if (!full) {
                    LOG.error("delivery {} could be written neither to Kafka nor to the spool: {}",
                            delivery.getDeliveryId(), cause.toString());
                }
                response.putHeader("retry-after", "30");
                error(response, 503, HubErrorCode.INTERNAL.name(), full ? "the ingress spool is full, retry later"
                        : "the delivery could not be stored, retry later");
            }
        }));
    }

    static boolean isJson(String type) {
        return type != null && type.toLowerCase(Locale.ROOT).trim().startsWith("application/json");
    }

    private void handleFailure(RoutingContext ctx) {
        int status = ctx.statusCode() < 0 ? 500 : ctx.statusCode();
        if (status == 413) {
            tooLarge(ctx.response());
        } else if (status == 400) {
            metrics.rejected("bad_request");
            error(ctx, 400, HubErrorCode.INVALID_PAYLOAD.name(), "the request could not be read");
        } else {
            if (ctx.failure() != null) {
                LOG.error("webhook intake failed: {}", ctx.failure().toString());
            }
            error(ctx, status, HubErrorCode.INTERNAL.name(), "internal error");
        }
    }

    private static Map<String, String> headers(HttpServerRequest request, String signatureHeader) {
        Map<String, String> headers = new HashMap<>();
        headers.put("x-hub-signature-256", signatureHeader);
        putIfPresent(headers, request, "content-type");
        putIfPresent(headers, request, "user-agent");
        return headers;
    }

    private static void putIfPresent(Map<String, String> headers, HttpServerRequest request, String name) {
        String value = request.getHeader(name);
        if (value != null) {
            headers.put(name, value);
        }
    }

    static void error(RoutingContext ctx, int status, String code, String message) {
        error(ctx.response(), status, code, message);
    }

    static void error(HttpServerResponse response, int status, String code, String message) {
        if (response.ended()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
                .end(new JsonObject().put("errorCode", code).put("errorMessage", message).encode());
    }
}
