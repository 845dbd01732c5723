package io.igrelay.sandbox;

import io.igrelay.sandbox.admin.AdminApi;
import io.igrelay.sandbox.callback.CallbackSender;
import io.igrelay.sandbox.graph.AttachmentUpload;
import io.igrelay.sandbox.graph.CommentModeration;
import io.igrelay.sandbox.graph.MessengerProfile;
import io.igrelay.sandbox.oauth.FacebookDialog;
import io.igrelay.sandbox.oauth.FacebookGraph;
import io.igrelay.sandbox.oauth.InstagramGraph;
import io.igrelay.sandbox.oauth.InstagramLogin;
import io.igrelay.sandbox.send.SendApiHandler;
import io.igrelay.sandbox.simulate.UserSimulator;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.webhook.WebhookDispatcher;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * One HTTP server instance of the sandbox (several are deployed on the same port, one per event loop). Each Meta
 * host lives under its own path prefix so the hub's base-URL variables can point at it; the admin API is under
 * /sandbox. All instances share one SandboxState, one webhook dispatcher and one callback sender.
 */
final class SandboxVerticle extends VerticleBase {
    /** The shared parts every instance routes to. */
    record Services(SandboxState state, WebhookDispatcher webhooks, UserSimulator users, CallbackSender callbacks) {
    }

    private final Services services;
    private final int port;
    private HttpServer server;

    SandboxVerticle(Services services, int port) {
        this.services = services;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        SandboxState state = services.state();
        Router root = Router.router(vertx);
        root.route().handler(BodyHandler.create(false).setBodyLimit(4L * 1024 * 1024));

        Router fb = Router.router(vertx);
        fb.post("/:version/:id/messages").handler(new SendApiHandler(state, services.webhooks(), false)::handle);
        new AttachmentUpload(state, false).mount(fb);
        new MessengerProfile(state, false).mount(fb);
        new FacebookGraph(state).mount(fb);
        new CommentModeration(state, false).mount(fb);
        Router ig = Router.router(vertx);
        ig.post("/:version/:id/messages").handler(new SendApiHandler(state, services.webhooks(), true)::handle);
        new AttachmentUpload(state, true).mount(ig);
        new MessengerProfile(state, true).mount(ig);
        new InstagramGraph(state).mount(ig);
        new CommentModeration(state, true).mount(ig);
        InstagramLogin igLogin = new InstagramLogin(state);
        Router api = Router.router(vertx);
        igLogin.mountApi(api);
        Router wwwIg = Router.router(vertx);
        igLogin.mountAuthorize(wwwIg);
        Router wwwFb = Router.router(vertx);
        new FacebookDialog(state).mount(wwwFb);

        root.route("/graph.facebook.com/*").subRouter(fb);
        root.route("/graph.instagram.com/*").subRouter(ig);
        root.route("/api.instagram.com/*").subRouter(api);
        root.route("/www.instagram.com/*").subRouter(wwwIg);
        root.route("/www.facebook.com/*").subRouter(wwwFb);
        root.route("/sandbox*").subRouter(AdminApi.router(vertx, state, services.webhooks(), services.users(),
                services.callbacks()));
        // same health paths as the hub's services (contract §5.4), so the local stack waits on all of them alike
        root.get("/health").handler(this::handleHealth);
        root.get("/health/live").handler(this::handleHealth);
        root.get("/health/ready").handler(this::handleHealth);
        root.errorHandler(500, ctx -> ctx.response().setStatusCode(500)
                .putHeader("Content-Type", "application/json").end("{\"error\":\"internal sandbox error\"}"));

        // plain HTTP/1.1: no WebSocket-compression or h2c stages in each connection's pipeline (nothing here is a
        // WebSocket or HTTP/2), which the Send API's load passed through on every call
        server = vertx.createHttpServer(new HttpServerOptions().setPort(port).setTcpNoDelay(true)
                .setCompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setHttp2ClearTextEnabled(false));
        return server.requestHandler(root).listen();
    }

    int actualPort() {
        return server.actualPort();
    }

    private void handleHealth(io.vertx.ext.web.RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json").end("{\"status\":\"UP\"}");
    }
}
