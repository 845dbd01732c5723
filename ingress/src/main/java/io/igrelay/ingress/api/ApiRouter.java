package io.igrelay.ingress.api;

import io.igrelay.ingress.config.ApiSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds the /v1 router from docs/openapi.yaml with vertx-web-openapi-router, so every request is validated against
 * the published document: body limit, then API key and rate limit, then schema validation, then the content rules,
 * then the operation's handler. Every operation of the document is served here (the Application-webhook module
 * attaches its handlers to this builder too); an operation without a handler stops the build. One failure handler
 * turns every refusal into the contract's error JSON.
 */
public final class ApiRouter {

    /** Classpath location of docs/openapi.yaml (copied there by the ingress build). */
    public static final String CONTRACT = "igrelay/openapi.yaml";

    /** The handlers of each operation of the contract. */
    public record Handlers(ApiKeyAuthHandler auth, ContentRules contentRules, SendMessageHandler send,
                           MessageStatusHandler status, ChannelsHandler channels, ContactErasureHandler erasure,
                           ContactProfileHandler contacts, CommentOperationsHandler comments,
                           ApiErrorHandler errors, ChannelSetupHandlers channelSetup) {
    }

    /** A channel's messaging setup: reusable attachments, ice breakers, persistent menu. */
    public record ChannelSetupHandlers(AttachmentsHandler attachments, MessagingProfileHandler profile) {
    }

    private ApiRouter() {
    }

    /**
     * {@code others}: attach the handlers of the operations served by other modules (the Application webhooks) with
     * {@code builder.getRoute(operationId).addHandler(...)}, like the lines below.
     */
    public static Future<Router> build(Vertx vertx, ApiSettings settings, Handlers h,
                                       List<Consumer<RouterBuilder>> others) {
        return OpenAPIContract.from(vertx, CONTRACT).map(contract -> {
            RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
            // the key is checked in front of this router (see mount), before any body byte is buffered
            builder.rootHandler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
            builder.getRoutes().forEach(route -> route.setDoSecurity(false));
            builder.getRoute("sendMessage").addHandler(h.contentRules()::handle).addHandler(h.send()::handle);
            builder.getRoute("getMessageStatus").addHandler(h.status()::handle);
            builder.getRoute("listChannels").addHandler(h.channels()::handleList);
            builder.getRoute("getChannel").addHandler(h.channels()::handleGet);
            builder.getRoute("eraseContact").addHandler(h.erasure()::handle);
            builder.getRoute("getContact").addHandler(h.contacts()::handle);
            mountChannelSetup(builder, h.channelSetup());
            builder.getRoute("replyToComment").addHandler(h.comments()::handleReply);
            builder.getRoute("moderateComment").addHandler(h.comments()::handleModeration);
            others.forEach(attach -> attach.accept(builder));
            List<String> unserved = builder.getRoutes().stream().filter(route -> route.getHandlers().isEmpty())
                    .map(route -> route.getOperation().getOperationId()).toList();
            if (!unserved.isEmpty()) {
                throw new IllegalStateException("operations of " + CONTRACT + " without a handler: " + unserved);
            }
            Router router = builder.createRouter();
            router.route().handler(ctx -> ctx.fail(404));
            router.route().failureHandler(h.errors()::handle);
            return router;
        });
    }

    private static void mountChannelSetup(RouterBuilder builder, ChannelSetupHandlers h) {
        builder.getRoute("uploadAttachment").addHandler(h.attachments()::handleUpload);
        builder.getRoute("listAttachments").addHandler(h.attachments()::handleList);
        builder.getRoute("getIceBreakers").addHandler(h.profile()::handleGetIceBreakers);
        builder.getRoute("setIceBreakers").addHandler(h.profile()::handlePutIceBreakers);
        builder.getRoute("deleteIceBreakers").addHandler(h.profile()::handleDeleteIceBreakers);
        builder.getRoute("getPersistentMenu").addHandler(h.profile()::handleGetPersistentMenu);
        builder.getRoute("setPersistentMenu").addHandler(h.profile()::handlePutPersistentMenu);
        builder.getRoute("deletePersistentMenu").addHandler(h.profile()::handleDeletePersistentMenu);
    }

    /**
     * Serves the document at /v1/openapi.yaml (no key needed) and mounts {@code api} under /v1, behind the key
     * check: a caller without a valid key gets its 401 before any body byte is buffered (the check is synchronous,
     * so nothing of the body is lost for the callers that pass).
     */
    public static void mount(Router parent, Router api, Handlers h) {
        Buffer document = Buffer.buffer(contractBytes());
        parent.get("/v1/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("content-type", "application/yaml; charset=utf-8")
                .end(document));
        parent.route("/v1/*").handler(h.auth()::handle).failureHandler(h.errors()::handle);
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
