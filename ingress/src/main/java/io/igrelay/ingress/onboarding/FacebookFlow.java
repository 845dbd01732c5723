package io.igrelay.ingress.onboarding;

import io.igrelay.avro.Flavour;
import io.igrelay.ingress.dashboard.DashboardRoutes;
import io.igrelay.ingress.dashboard.DashboardSession;
import io.igrelay.ingress.dashboard.Pages;
import io.igrelay.ingress.dashboard.SessionHandler;
import io.igrelay.ingress.metagraph.FacebookLoginClient;
import io.igrelay.ingress.metagraph.FacebookPage;
import io.igrelay.ingress.metagraph.SubscribedFields;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Connect with Facebook" (contract §5.3): dialog with a fresh state; the callback exchanges the code for a long-lived
 * user token and lists the granted Pages; the user selects the Page, then the Instagram account linked to it; the
 * Page is subscribed and the channel is created with the Page token. Pages (and their tokens) wait in the session.
 */
public final class FacebookFlow {

    public static final String CALLBACK = "/onboarding/facebook/callback";
    private static final String PAGES = "/dashboard/connect/facebook/pages";
    private static final String ACCOUNTS = "/dashboard/connect/facebook/accounts";

    private final FacebookLoginClient meta;
    private final OAuthStates states;
    private final ChannelConnector connector;
    private final Pages pages;
    private final SubscribedFields fields;

    public FacebookFlow(FacebookLoginClient meta, OAuthStates states, ChannelConnector connector, Pages pages,
                        SubscribedFields fields) {
        this.meta = meta;
        this.states = states;
        this.connector = connector;
        this.pages = pages;
        this.fields = fields;
    }

    public void mount(Router router, Handler<RoutingContext> signedIn) {
        router.post("/dashboard/connect/facebook").handler(signedIn).handler(this::start);
        router.get(CALLBACK).handler(signedIn).handler(this::callback);
        router.get(PAGES).handler(signedIn).handler(this::pageChooser);
        router.post(PAGES).handler(signedIn).handler(this::pageChosen);
        router.get(ACCOUNTS).handler(signedIn).handler(this::accountChooser);
        router.post(ACCOUNTS).handler(signedIn).handler(this::accountChosen);
    }

    private void start(RoutingContext ctx) {
        if (!meta.configured()) {
            pages.failure(ctx, 503, "Facebook Login is not set up",
                    "This hub has no Meta app configured (META_APP_ID / META_APP_SECRET).");
            return;
        }
        DashboardSession session = SessionHandler.session(ctx);
        session.facebook(null);
        DashboardRoutes.redirect(ctx, meta.dialogUrl(states.issue(session, Flavour.FACEBOOK_LOGIN)));
    }

    private void callback(RoutingContext ctx) {
        DashboardSession session = SessionHandler.session(ctx);
        try {
            states.consume(session, ctx.request().getParam("state"), Flavour.FACEBOOK_LOGIN);
        } catch (OnboardingFailure failure) {
            fail(ctx, failure);
            return;
        }
        if (ctx.request().getParam("error") != null || ctx.request().getParam("code") == null) {
            fail(ctx, OnboardingFailure.denied());
            return;
        }
        meta.exchangeCode(ctx.request().getParam("code"))
                .recover(e -> Future.failedFuture(OnboardingFailure.forPage(e, "exchanging the authorization code")))
                .compose(shortGrant -> meta.longLived(shortGrant.token())
                        .recover(e -> Future.failedFuture(OnboardingFailure.forPage(e, "getting a long-lived token"))))
                .compose(userGrant -> meta.me(userGrant.token())
                        .recover(e -> Future.failedFuture(OnboardingFailure.forPage(e, "reading the Facebook user")))
                        .compose(userId -> meta.pages(userGrant.token())
                                .recover(e -> Future.failedFuture(OnboardingFailure.forPage(e, "listing your Pages")))
                                .map(list -> new DashboardSession.FacebookGrant(userId, list, Optional.empty()))))
                .onSuccess(grant -> {
                    if (grant.pages().isEmpty()) {
                        fail(ctx, new OnboardingFailure(400, "No Page shared",
                                "No Facebook Page was shared with this hub. Connect again and select the Page "
                                        + "linked to your Instagram account. No channel was connected."));
                        return;
                    }
                    session.facebook(grant);
                    DashboardRoutes.redirect(ctx, PAGES);
                })
                .onFailure(e -> fail(ctx, OnboardingFailure.forPage(e, "connecting")));
    }

    private void pageChooser(RoutingContext ctx) {
        Optional<DashboardSession.FacebookGrant> grant = SessionHandler.session(ctx).facebook();
        if (grant.isEmpty()) {
            DashboardRoutes.redirect(ctx, "/dashboard/channels/new");
            return;
        }
        List<Map<String, Object>> choices = grant.get().pages().stream().map(p -> Map.<String, Object>of(
                "id", p.id(), "name", p.name(),
                "note", p.instagram().map(a -> "Instagram: @" + a.username()).orElse("no Instagram account linked")))
                .toList();
        pages.render(ctx, 200, "facebook-pages", Map.of("pages", choices));
    }

    private void pageChosen(RoutingContext ctx) {
        DashboardSession session = SessionHandler.session(ctx);
        Optional<DashboardSession.FacebookGrant> grant = session.facebook();
        Optional<FacebookPage> page = grant.flatMap(g -> g.page(ctx.request().getFormAttribute("pageId")));
        if (page.isEmpty()) {
            DashboardRoutes.redirect(ctx, grant.isEmpty() ? "/dashboard/channels/new" : PAGES);
            return;
        }
        if (page.get().instagram().isEmpty()) {
            session.facebook(null);
            fail(ctx, new OnboardingFailure(400, "No Instagram account on this Page",
                    "The Page \"" + page.get().name() + "\" has no Instagram professional account linked to it. "
                            + "Link one in the Page's settings (or choose another Page), then connect again. "
                            + "No channel was connected."));
            return;
        }
        if (!page.get().canMessage()) {
            session.facebook(null);
            fail(ctx, new OnboardingFailure(403, "Messaging not allowed on this Page",
                    "Your role on the Page \"" + page.get().name() + "\" does not include messaging. Ask a Page "
                            + "admin for the messaging task, then connect again. No channel was connected."));
            return;
        }
        session.facebook(grant.get().choose(page.get().id()));
        DashboardRoutes.redirect(ctx, ACCOUNTS);
    }

    private void accountChooser(RoutingContext ctx) {
        Optional<FacebookPage> page = chosenPage(SessionHandler.session(ctx));
        if (page.isEmpty()) {
            DashboardRoutes.redirect(ctx, PAGES);
            return;
        }
        FacebookPage.LinkedAccount account = page.get().instagram().orElseThrow();
        pages.render(ctx, 200, "facebook-accounts", Map.of("pageName", page.get().name(),
                "accounts", List.of(Map.of("id", account.igUserId(), "username", account.username()))));
    }

    private void accountChosen(RoutingContext ctx) {
        DashboardSession session = SessionHandler.session(ctx);
        Optional<FacebookPage> page = chosenPage(session);
        String chosen = ctx.request().getFormAttribute("igUserId");
        if (page.isEmpty() || !page.get().instagram().map(a -> a.igUserId().equals(chosen)).orElse(false)) {
            DashboardRoutes.redirect(ctx, page.isEmpty() ? PAGES : ACCOUNTS);
            return;
        }
        String applicationId = session.signedIn().orElseThrow().applicationId();
        String appScopedUserId = session.facebook().orElseThrow().appScopedUserId();
        session.facebook(null);
        FacebookPage p = page.get();
        FacebookPage.LinkedAccount linked = p.instagram().orElseThrow();
        Instant now = states.now();
        ConnectedAccount account = new ConnectedAccount(Flavour.FACEBOOK_LOGIN, linked.igUserId(), linked.username(),
                appScopedUserId, meta.appId(), Optional.of(p.id()), p.pageToken(), now, Optional.empty());
        meta.subscribePage(p.id(), p.pageToken(), fields.pageParam())
                .recover(e -> Future.failedFuture(OnboardingFailure.forPage(e, "subscribing the Page to webhooks")))
                .compose(v -> connector.connect(applicationId, account))
                .onSuccess(outcome -> ConnectedPage.show(ctx, pages, outcome))
                .onFailure(e -> fail(ctx, OnboardingFailure.forPage(e, "connecting the account")));
    }

    private static Optional<FacebookPage> chosenPage(DashboardSession session) {
        return session.facebook().flatMap(g -> g.chosenPageId().flatMap(g::page));
    }

    private void fail(RoutingContext ctx, Throwable e) {
        OnboardingFailure failure = (OnboardingFailure) e;
        pages.failure(ctx, failure.status(), failure.title(), failure.getMessage());
    }
}
