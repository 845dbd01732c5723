package io.igrelay.ingress.dashboard;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.ingress.api.MessagingProfiles;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.ingress.channels.ChannelEventPublisher;
import io.igrelay.ingress.channels.ChannelRegistryView;
import io.igrelay.ingress.metagraph.MetaUnsubscriber;
import io.igrelay.ingress.metagraph.SubscribedFields;
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
 * The dashboard pages (contract §5.3): sign-in with the Application's API key, the channel list with
 * status badges, "Activate/Configure → Instagram" with both connect buttons, a channel's detail page, and
 * Disconnect; the detail page also shows the channel's ice breakers and persistent menu as Meta holds them. An
 * Application sees only its own channels; another's UUID is a 404.
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
    private final LoginCsrf loginCsrf;
    private final SignInThrottle throttle;
    private final MessagingProfiles messagingProfiles;
    private final SubscribedFields fields;

    public DashboardRoutes(Vertx vertx, Pages pages, DashboardSessions sessions, SessionHandler sessionHandler,
                           ApplicationSignIn signIn, ChannelRegistryView registry, ChannelEventPublisher publisher,
                           Clock clock, Duration foldTimeout, MetaUnsubscriber unsubscriber, LoginCsrf loginCsrf,
                           SignInThrottle throttle, MessagingProfiles messagingProfiles, SubscribedFields fields) {
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
        this.loginCsrf = loginCsrf;
        this.throttle = throttle;
        this.messagingProfiles = messagingProfiles;
        this.fields = fields;
    }

    /** Routes under /dashboard; the session, body and CSRF handlers are already in front (see OnboardingModule). */
    public void mount(Router router) {
        router.get("/dashboard/login").handler(this::loginPage);
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
        if (SessionHandler.current(ctx).flatMap(DashboardSession::signedIn).isEmpty()) {
            redirect(ctx, "/dashboard/login");
            return;
        }
        ctx.next();
    }

    /** The sign-in form, with a fresh signed CSRF token (no session is created before the sign-in). */
    private void loginPage(RoutingContext ctx) {
        loginCsrf.issue(ctx);
        pages.render(ctx, 200, "login", Map.of());
    }

    private void login(RoutingContext ctx) {
        String source = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        if (!throttle.tryAttempt(source, System.nanoTime())) {
            loginCsrf.issue(ctx);
            ctx.response().putHeader("Retry-After", "60");
            pages.render(ctx, 429, "login", Map.of("error", "Too many sign-in attempts. Wait a minute and try again."));
            return;
        }
        String key = Optional.ofNullable(ctx.request().getFormAttribute("apiKey")).orElse("").trim();
        Optional<AuthenticatedApplication> app = signIn.authenticate(key, clock.instant());
        if (app.isEmpty()) {
            loginCsrf.issue(ctx);
            pages.render(ctx, 401, "login", Map.of("error", "That API key is not valid. Check it and try again."));
            return;
        }
        DashboardSession fresh = sessions.signIn(SessionHandler.current(ctx), new DashboardSession.SignedIn(
                app.get().applicationId(), app.get().name(), app.get().keyId()));
        sessionHandler.setCookie(ctx, fresh);
        redirect(ctx, "/dashboard");
    }

    private void logout(RoutingContext ctx) {
        SessionHandler.current(ctx).ifPresent(sessions::remove);
        sessionHandler.clearCookie(ctx);
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
        MessagingSetupRow.read(messagingProfiles, channel.get()).onComplete(setup -> pages.render(ctx, 200,
                "channel", Map.of("channel", ChannelRow.of(channel.get()), "setup", setup.result(),
                        "comments", CommentSubscription.describe(channel.get(), fields))));
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
