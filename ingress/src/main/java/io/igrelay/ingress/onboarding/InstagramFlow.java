package io.igrelay.ingress.onboarding;

import io.igrelay.avro.Flavour;
import io.igrelay.ingress.dashboard.DashboardRoutes;
import io.igrelay.ingress.dashboard.DashboardSession;
import io.igrelay.ingress.dashboard.Pages;
import io.igrelay.ingress.dashboard.SessionHandler;
import io.igrelay.ingress.metagraph.InstagramLoginClient;
import io.igrelay.ingress.metagraph.SubscribedFields;
import io.igrelay.ingress.metagraph.TokenGrant;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;

/**
 * "Connect with Instagram" (contract §5.3): the button redirects to Instagram's authorize page with a fresh state; the
 * callback checks the state, exchanges the code, gets the long-lived token, reads {@code /me} (refusing personal
 * accounts), subscribes the account to the webhook fields and connects the channel. Every failure ends on a page
 * and creates nothing.
 */
public final class InstagramFlow {

    public static final String CALLBACK = "/onboarding/instagram/callback";

    private final InstagramLoginClient meta;
    private final OAuthStates states;
    private final ChannelConnector connector;
    private final Pages pages;
    private final SubscribedFields fields;

    public InstagramFlow(InstagramLoginClient meta, OAuthStates states, ChannelConnector connector, Pages pages,
                         SubscribedFields fields) {
        this.meta = meta;
        this.states = states;
        this.connector = connector;
        this.pages = pages;
        this.fields = fields;
    }

    /** {@code signedIn} guards the routes that need a signed-in Application. */
    public void mount(Router router, io.vertx.core.Handler<RoutingContext> signedIn) {
        router.post("/dashboard/connect/instagram").handler(signedIn).handler(this::start);
        router.get(CALLBACK).handler(signedIn).handler(this::callback);
    }

    private void start(RoutingContext ctx) {
        if (!meta.configured()) {
            pages.failure(ctx, 503, "Instagram Login is not set up",
                    "This hub has no Instagram app configured (INSTAGRAM_APP_ID / INSTAGRAM_APP_SECRET).");
            return;
        }
        String state = states.issue(SessionHandler.session(ctx), Flavour.INSTAGRAM_LOGIN);
        DashboardRoutes.redirect(ctx, meta.authorizeUrl(state));
    }

    private void callback(RoutingContext ctx) {
        DashboardSession session = SessionHandler.session(ctx);
        String applicationId = session.signedIn().orElseThrow().applicationId();
        try {
            states.consume(session, ctx.request().getParam("state"), Flavour.INSTAGRAM_LOGIN);
        } catch (OnboardingFailure failure) {
            fail(ctx, failure);
            return;
        }
        if (ctx.request().getParam("error") != null || ctx.request().getParam("code") == null) {
            fail(ctx, OnboardingFailure.denied());
            return;
        }
        Instant issuedAt = states.now();
        meta.exchangeCode(ctx.request().getParam("code"))
                .recover(e -> Future.failedFuture(OnboardingFailure.forPage(e, "exchanging the authorization code")))
                .compose(shortToken -> meta.longLived(shortToken.token())
                        .recover(e -> Future.failedFuture(OnboardingFailure.forPage(e, "getting a long-lived token")))
                        .compose(grant -> meta.me(grant.token())
                                .recover(e -> Future.failedFuture(OnboardingFailure.forPage(e, "reading the account")))
                                .compose(profile -> account(profile, grant, shortToken, issuedAt))))
                .compose(account -> meta.subscribe(account.accessToken(), fields.instagramParam())
                        .recover(e -> Future.failedFuture(OnboardingFailure.forPage(e, "subscribing the account to webhooks")))
                        .map(v -> account))
                .compose(account -> connector.connect(applicationId, account))
                .onSuccess(outcome -> ConnectedPage.show(ctx, pages, outcome))
                .onFailure(e -> fail(ctx, OnboardingFailure.forPage(e, "connecting the account")));
    }

    private Future<ConnectedAccount> account(InstagramLoginClient.InstagramProfile profile, TokenGrant grant,
                                             InstagramLoginClient.ShortToken shortToken, Instant issuedAt) {
        if (!profile.professional()) {
            return Future.failedFuture(new OnboardingFailure(400, "Not a professional account",
                    "@" + profile.username() + " is a personal Instagram account. Only Business and Creator "
                            + "accounts can use messaging: switch it to a professional account in the Instagram app, "
                            + "then connect again. No channel was connected."));
        }
        if (profile.userId() == null || profile.username() == null) {
            return Future.failedFuture(OnboardingFailure.meta("reading the account", "user_id or username missing"));
        }
        String appScoped = profile.appScopedId() != null ? profile.appScopedId() : shortToken.appScopedUserId();
        return Future.succeededFuture(new ConnectedAccount(Flavour.INSTAGRAM_LOGIN, profile.userId(),
                profile.username(), appScoped, meta.appId(), Optional.empty(), grant.token(), issuedAt,
                grant.expiresAt(issuedAt)));
    }

    private void fail(RoutingContext ctx, Throwable e) {
        OnboardingFailure failure = (OnboardingFailure) e;
        pages.failure(ctx, failure.status(), failure.title(), failure.getMessage());
    }
}
