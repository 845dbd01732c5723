package io.igrelay.ingress.dashboard;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.ingress.onboarding.ChannelEventPublisher;
import io.igrelay.ingress.onboarding.MetaUnsubscriber;
import io.igrelay.ingress.registry.ChannelRegistryView;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The dashboard pages (SPEC 5.3, issue 7 item 1): sign-in with the Application's API key, the channel list with
 * status badges, "Activate/Configure → Instagram" with both connect buttons, a channel's detail page, and
 * Disconnect. An Application sees only its own channels; another's UUID is a 404.
 */
public final class DashboardRoutes {

    private final Vertx vertx;
    private final Pages pages;
    private final DashboardSessions sessions;
    private final SessionHandler sessionHandler;
    private final ApplicationSignIn signIn;
    private final ChannelRegistryView registry;
    private final ChannelEventPublisher publisher;
    private final Clock clock;
    private final Duration foldTimeout;
    private final MetaUnsubscriber unsubscriber;

    public DashboardRoutes(Vertx vertx, Pages pages, DashboardSessions sessions, SessionHandler sessionHandler,
                           ApplicationSignIn signIn, ChannelRegistryView registry, ChannelEventPublisher publisher,
                           Clock clock, Duration foldTimeout, MetaUnsubscriber unsubscriber) {
        this.vertx = vertx;
        this.pages = pages;
        this.sessions = sessions;
        this.sessionHandler = sessionHandler;
        this.signIn = signIn;
        this.registry = registry;
        this.publisher = publisher;
        this.clock = clock;
        this.foldTimeout = foldTimeout;
        this.unsubscriber = unsubscriber;
    }

    /** Routes under /dashboard; the session, body and CSRF handlers are already in front (see OnboardingModule). */
    public void mount(Router router) {
        router.get("/dashboard/login").handler(ctx -> pages.render(ctx, 200, "login", Map.of()));
        router.post("/dashboard/login").handler(this::login);
        router.post("/dashboard/logout").handler(this::logout);
        router.get("/dashboard").handler(this::requireSignIn).handler(this::list);
        router.get("/dashboard/").handler(ctx -> redirect(ctx, "/dashboard"));
        router.get("/dashboard/channels/new").handler(this::requireSignIn)
                .handler(ctx -> pages.render(ctx, 200, "connect", Map.of()));
        router.get("/dashboard/channels/:channelId").handler(this::requireSignIn).handler(this::detail);
        router.post("/dashboard/channels/:channelId/disconnect").handler(this::requireSignIn)
                .handler(this::disconnect);
    }

    /** Sends a visitor who has not signed in to the sign-in page. */
    public void requireSignIn(RoutingContext ctx) {
        if (SessionHandler.session(ctx).signedIn().isEmpty()) {
            redirect(ctx, "/dashboard/login");
            return;
        }
        ctx.next();
    }

    private void login(RoutingContext ctx) {
        String key = Optional.ofNullable(ctx.request().getFormAttribute("apiKey")).orElse("").trim();
        Optional<AuthenticatedApplication> app = signIn.authenticate(key, clock.instant());
        if (app.isEmpty()) {
            pages.render(ctx, 401, "login", Map.of("error", "That API key is not valid. Check it and try again."));
            return;
        }
        DashboardSession fresh = sessions.signIn(SessionHandler.session(ctx),
                new DashboardSession.SignedIn(app.get().applicationId(), app.get().name()));
        sessionHandler.setCookie(ctx, fresh);
        redirect(ctx, "/dashboard");
    }

    private void logout(RoutingContext ctx) {
        sessions.remove(SessionHandler.session(ctx));
        sessionHandler.setCookie(ctx, sessions.create());
        redirect(ctx, "/dashboard/login");
    }

    private void list(RoutingContext ctx) {
        String appId = applicationId(ctx);
        var rows = registry.byApplication(appId).stream()
                .sorted(Comparator.comparing(Channel::getConnectedAt)).map(ChannelRow::of).toList();
        pages.render(ctx, 200, "channels", Map.of("channels", rows));
    }

    private void detail(RoutingContext ctx) {
        Optional<Channel> channel = ownChannel(ctx);
        if (channel.isEmpty()) {
            pages.failure(ctx, 404, "Channel not found", "This Application has no channel with that id.");
            return;
        }
        pages.render(ctx, 200, "channel", Map.of("channel", ChannelRow.of(channel.get())));
    }

    private void disconnect(RoutingContext ctx) {
        Optional<Channel> channel = ownChannel(ctx);
        if (channel.isEmpty() || channel.get().getStatus() == ChannelStatus.DISCONNECTED) {
            redirect(ctx, "/dashboard");
            return;
        }
        String channelId = channel.get().getChannelId();
        ChannelEvent event = ChannelEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setChannelId(channelId).setType(ChannelEventType.DISCONNECTED)
                .setApplicationId(applicationId(ctx)).setReason("disconnected in the dashboard")
                .setAt(clock.instant()).build();
        // the hub stops first (the disconnect is recorded), then Meta is asked to stop sending; Meta's answer does
        // not undo the disconnect
        publisher.publish(event)
                .compose(v -> registry.await(vertx, channelId, c -> c.getStatus() == ChannelStatus.DISCONNECTED,
                        foldTimeout).recover(e -> io.vertx.core.Future.succeededFuture()))
                .compose(v -> unsubscriber.unsubscribe(channel.get()))
                .onSuccess(v -> redirect(ctx, "/dashboard/channels/" + channelId))
                .onFailure(e -> pages.failure(ctx, 503, "Not disconnected yet",
                        "The hub could not record the disconnect right now. Try again in a moment."));
    }

    private Optional<Channel> ownChannel(RoutingContext ctx) {
        String appId = applicationId(ctx);
        return registry.byId(ctx.pathParam("channelId")).filter(c -> c.getApplicationId().equals(appId));
    }

    static String applicationId(RoutingContext ctx) {
        return SessionHandler.session(ctx).signedIn().orElseThrow().applicationId();
    }

    public static void redirect(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(303).putHeader("Location", location).end();
    }
}
