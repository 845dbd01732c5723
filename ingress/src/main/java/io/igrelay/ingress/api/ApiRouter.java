package io.igrelay.ingress.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Builds the /v1 router from docs/openapi.yaml with vertx-web-openapi-router, so every request is validated against
 * the published document: body limit, then API key and rate limit, then schema validation, then the content rules,
 * then the operation's handler. One failure handler turns every refusal into SPEC's error JSON.
 */
public final class ApiRouter {

    /** Classpath location of docs/openapi.yaml (copied there by the ingress build). */
    public static final String CONTRACT = "igrelay/openapi.yaml";

    /** The handlers of each operation of the contract. */
    public record Handlers(ApiKeyAuthHandler auth, ContentRules contentRules, SendMessageHandler send,
                           MessageStatusHandler status, ChannelsHandler channels, ContactErasureHandler erasure,
                           ApiErrorHandler errors) {
    }

    private ApiRouter() {
    }

    public static Future<Router> build(Vertx vertx, ApiSettings settings, Handlers h) {
        return OpenAPIContract.from(vertx, CONTRACT).map(contract -> {
            RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
            builder.rootHandler(BodyHandler.create().setBodyLimit(settings.maxBodyBytes()));
            builder.rootHandler(h.auth()::handle);
            builder.getRoutes().forEach(route -> route.setDoSecurity(false));
            builder.getRoute("sendMessage").addHandler(h.contentRules()::handle).addHandler(h.send()::handle);
            builder.getRoute("getMessageStatus").addHandler(h.status()::handle);
            builder.getRoute("listChannels").addHandler(h.channels()::handleList);
            builder.getRoute("getChannel").addHandler(h.channels()::handleGet);
            builder.getRoute("eraseContact").addHandler(h.erasure()::handle);
            // the contract's other operations (the webhook registrations) are served by their own module, mounted
            // in front of this router; here they only pass on (and the builder does not warn about them)
            builder.getRoutes().stream().filter(route -> route.getHandlers().isEmpty())
                    .forEach(route -> route.addHandler(RoutingContext::next));
            Router router = builder.createRouter();
            router.route().handler(ctx -> ctx.fail(404));
            router.route().failureHandler(h.errors()::handle);
            return router;
        });
    }

    /** Serves the document at /v1/openapi.yaml (no key needed) and mounts {@code api} under /v1. */
    public static void mount(Router parent, Router api) {
        Buffer document = Buffer.buffer(contractBytes());
        parent.get("/v1/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("content-type", "application/yaml; charset=utf-8")
                .end(document));
        parent.route("/v1/*").subRouter(api);
    }

    static byte[] contractBytes() {
        try (InputStream in = ApiRouter.class.getClassLoader().getResourceAsStream(CONTRACT)) {
            if (in == null) {
                throw new IllegalStateException(CONTRACT + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
