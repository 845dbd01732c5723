package io.igrelay.sandbox;

import io.igrelay.sandbox.callback.CallbackSender;
import io.igrelay.sandbox.oauth.DirectGrant;
import io.igrelay.sandbox.simulate.UserSimulator;
import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.state.SandboxClock;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.webhook.WebhookDispatcher;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sandbox as a library, for the local stack and other modules' tests: start it on a Vert.x instance (port 0
 * picks a free port), read its base URLs, drive it in-process (simulated users, tokens, clock) and close it.
 */
public final class Sandbox {
    private final Vertx vertx;
    private final SandboxVerticle.Services services;
    private final List<String> deployments;
    private final int port;
    private final SnapshotFile snapshot;

    private Sandbox(Vertx vertx, SandboxVerticle.Services services, List<String> deployments, int port,
            SnapshotFile snapshot) {
        this.vertx = vertx;
        this.services = services;
        this.deployments = deployments;
        this.port = port;
        this.snapshot = snapshot;
    }

    public static Future<Sandbox> start(Vertx vertx, SandboxConfig cfg) {
        return start(vertx, cfg, Clock.systemUTC());
    }

    /** Starts with an injected base clock (the admin API can still advance it). */
    public static Future<Sandbox> start(Vertx vertx, SandboxConfig cfg, Clock baseClock) {
        SandboxClock clock = new SandboxClock(baseClock);
        SandboxState state = new SandboxState(cfg, clock);
        SnapshotFile snapshot;
        try {
            snapshot = cfg.dataDir().map(dir -> SnapshotFile.open(vertx, state, dir)).orElse(null);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        WebhookDispatcher webhooks = new WebhookDispatcher(vertx, cfg, state.directory(), clock);
        var services = new SandboxVerticle.Services(state, webhooks, new UserSimulator(state, webhooks),
                new CallbackSender(vertx, cfg, clock));
        List<String> ids = new ArrayList<>();
        // Vert.x shares one listening socket between instances only for the same explicit port: resolve port 0 first
        int port = cfg.port() != 0 || cfg.instances() == 1 ? cfg.port() : freePort();
        List<SandboxVerticle> verticles = new CopyOnWriteArrayList<>();
        return vertx.deployVerticle(() -> {
            SandboxVerticle v = new SandboxVerticle(services, port);
            verticles.add(v);
            return v;
        }, new DeploymentOptions().setInstances(cfg.instances())).map(id -> {
            ids.add(id);
            long ports = verticles.stream().mapToInt(SandboxVerticle::actualPort).distinct().count();
            if (ports != 1) {
                throw new IllegalStateException("sandbox instances listen on " + ports + " different ports");
            }
            return new Sandbox(vertx, services, ids, verticles.get(0).actualPort(), snapshot);
        });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Blocking variant for tests that are not Vert.x-aware. */
    public static Sandbox startBlocking(Vertx vertx, SandboxConfig cfg) {
        return start(vertx, cfg).await();
    }

    public int port() { return port; }
    public String baseUrl() { return "http://localhost:" + port; }
    /** GRAPH_FACEBOOK_URL: without version; append /{GRAPH_API_VERSION}/... */
    public String graphFacebookUrl() { return baseUrl() + "/graph.facebook.com"; }
    /** GRAPH_INSTAGRAM_URL. */
    public String graphInstagramUrl() { return baseUrl() + "/graph.instagram.com"; }
    /** INSTAGRAM_API_URL (code exchange). */
    public String instagramApiUrl() { return baseUrl() + "/api.instagram.com"; }
    /** INSTAGRAM_AUTHORIZE_URL (full URL). */
    public String instagramAuthorizeUrl() { return baseUrl() + "/www.instagram.com/oauth/authorize"; }
    /** FACEBOOK_DIALOG_URL (full URL, with the configured version). */
    public String facebookDialogUrl() {
        return baseUrl() + "/www.facebook.com/" + state().config().graphApiVersion() + "/dialog/oauth";
    }
    /** FACEBOOK_DIALOG_URL as a template, for a hub that substitutes {version} itself. */
    public String facebookDialogUrlTemplate() { return baseUrl() + "/www.facebook.com/{version}/dialog/oauth"; }
    public String adminUrl() { return baseUrl() + "/sandbox"; }

    public SandboxState state() { return services.state(); }
    public SandboxClock clock() { return services.state().clock(); }
    public UserSimulator users() { return services.users(); }
    public WebhookDispatcher webhooks() { return services.webhooks(); }
    public CallbackSender callbacks() { return services.callbacks(); }

    /** A long-lived Instagram token (INSTAGRAM_LOGIN) or the linked Page's token (FACEBOOK_LOGIN). */
    public String issueToken(String accountRef, Flavour flavour) {
        return new DirectGrant(state()).token(accountRef, flavour).token();
    }

    public Future<Void> close() {
        services.webhooks().close(vertx);
        services.callbacks().close();
        Future<Void> all = snapshot == null ? Future.succeededFuture() : snapshot.close();
        for (String id : deployments) {
            all = all.compose(v -> vertx.undeploy(id));
        }
        return all;
    }
}
