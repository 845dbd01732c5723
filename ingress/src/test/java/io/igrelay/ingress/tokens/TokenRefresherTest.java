package io.igrelay.ingress.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.Flavour;
import io.igrelay.ingress.channels.ChannelRegistryView;
import io.igrelay.ingress.metagraph.InstagramLoginClient;
import io.igrelay.ingress.onboarding.FoldingPublisher;
import io.igrelay.ingress.onboarding.OnboardingHarness;
import io.igrelay.sandbox.Sandbox;
import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.sandbox.state.TokenInfo;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.config.Secret;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The refresher against the sandbox's Graph API and clock. */
class TokenRefresherTest {

    private static final String CHANNEL = "6f1c1c1e-0000-4000-8000-000000000001";

    private final Vertx vertx = Vertx.vertx();
    private final ChannelRegistryView registry = new ChannelRegistryView();
    private final FoldingPublisher publisher = new FoldingPublisher(registry);
    private final AtomicBoolean leader = new AtomicBoolean(true);
    private Sandbox sandbox;
    private TokenRefresher refresher;
    private String originalToken;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(vertx, SandboxConfig.fromEnv(Map.of("SANDBOX_PORT", "0", "SANDBOX_INSTANCES", "1")),
                Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), java.time.ZoneOffset.UTC)).await();
        MetaSettings meta = new MetaSettings(Optional.empty(), Optional.empty(),
                Optional.of(SandboxConfig.DEV_INSTAGRAM_APP_ID),
                Optional.of(new Secret(SandboxConfig.DEV_INSTAGRAM_APP_SECRET)), "v23.0",
                URI.create(sandbox.graphFacebookUrl()), URI.create(sandbox.graphInstagramUrl()),
                URI.create(sandbox.instagramApiUrl()), sandbox.facebookDialogUrl(), sandbox.instagramAuthorizeUrl());
        refresher = new TokenRefresher(vertx, registry, new InstagramLoginClient(WebClient.create(vertx), meta,
                "http://localhost/cb"), publisher, OnboardingHarness.CIPHER, new RefreshPolicy(Duration.ofDays(10)),
                sandbox.clock(), id -> leader.get());
        originalToken = sandbox.issueToken("fixture.shop", io.igrelay.sandbox.state.Flavour.INSTAGRAM_LOGIN);
        Instant now = sandbox.clock().instant();
        registry.apply(CHANNEL, Channel.newBuilder().setChannelId(CHANNEL).setApplicationId("app-a")
                .setIgUserId("17841463920184527").setUsername("fixture.shop").setFlavour(Flavour.INSTAGRAM_LOGIN)
                .setToken(OnboardingHarness.CIPHER.encrypt(originalToken)).setTokenIssuedAt(now)
                .setTokenExpiresAt(now.plus(Duration.ofDays(60))).setStatus(ChannelStatus.ACTIVE)
                .setConnectedAt(now).setUpdatedAt(now).build());
    }

    @AfterEach
    void stop() {
        sandbox.close().await();
        vertx.close().await();
    }

    @Test
    void shouldLeaveAFreshTokenAlone() {
        assertThat(refresher.runOnce().await()).isZero();
        assertThat(publisher.events()).isEmpty();
    }

    @Test
    void shouldRenewATokenWithinTheMarginOfItsExpiry() {
        sandbox.clock().advance(Duration.ofDays(51));

        assertThat(refresher.runOnce().await()).isEqualTo(1);

        Channel channel = registry.byId(CHANNEL).orElseThrow();
        assertThat(publisher.events()).singleElement()
                .satisfies(e -> assertThat(e.getType()).isEqualTo(ChannelEventType.TOKEN_REFRESHED));
        String renewed = OnboardingHarness.CIPHER.decrypt(channel.getToken());
        assertThat(renewed).isNotEqualTo(originalToken);
        assertThat(sandbox.state().tokens().find(renewed)).map(TokenInfo::kind).contains(TokenInfo.Kind.IG_LONG);
        assertThat(channel.getTokenExpiresAt()).isEqualTo(sandbox.clock().instant().plus(Duration.ofDays(60)));
        assertThat(channel.getStatus()).isEqualTo(ChannelStatus.ACTIVE);
    }

    @Test
    void shouldMarkTheChannelReauthRequiredWhenMetaRefusesTheToken() {
        sandbox.state().tokens().revoke(originalToken, 460);
        sandbox.clock().advance(Duration.ofDays(51));

        refresher.runOnce().await();

        Channel channel = registry.byId(CHANNEL).orElseThrow();
        assertThat(channel.getStatus()).isEqualTo(ChannelStatus.REAUTH_REQUIRED);
        assertThat(channel.getStatusReason()).contains("Meta refused");
    }

    @Test
    void shouldMarkAnExpiredTokenReauthRequiredWithoutCallingMeta() {
        sandbox.clock().advance(Duration.ofDays(61));

        refresher.runOnce().await();

        assertThat(registry.byId(CHANNEL).orElseThrow().getStatus()).isEqualTo(ChannelStatus.REAUTH_REQUIRED);
        assertThat(publisher.events()).singleElement()
                .satisfies(e -> assertThat(e.getType()).isEqualTo(ChannelEventType.TOKEN_INVALID));
    }

    @Test
    void shouldLeaveChannelsItDoesNotLeadToAnotherReplica() {
        leader.set(false);
        sandbox.clock().advance(Duration.ofDays(51));

        assertThat(refresher.runOnce().await()).isZero();
    }
}
