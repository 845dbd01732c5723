package io.igrelay.ingress.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.Flavour;
import io.igrelay.ingress.onboarding.HubClient;
import io.igrelay.ingress.onboarding.OnboardingHarness;
import io.igrelay.sandbox.state.Directory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Sign-in, session cookie, CSRF, and the channel pages scoped to the signed-in Application. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardTest {

    private static final String OWN = "0b9d3c52-0000-4000-8000-00000000000a";
    private static final String OTHERS = "0b9d3c52-0000-4000-8000-00000000000b";

    private final OnboardingHarness hub = new OnboardingHarness();

    @BeforeEach
    void seed() {
        hub.publisher.events().clear();
        hub.registry.apply(OWN, channel(OWN, "app-a", "fixture.shop", ChannelStatus.REAUTH_REQUIRED));
        hub.registry.apply(OTHERS, channel(OTHERS, "app-b", "fixture.studio", ChannelStatus.ACTIVE));
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    private static Channel channel(String id, String app, String username, ChannelStatus status) {
        Instant at = Instant.parse("2026-02-01T12:00:00Z");
        return Channel.newBuilder().setChannelId(id).setApplicationId(app).setIgUserId(id.substring(30))
                .setUsername(username).setFlavour(Flavour.INSTAGRAM_LOGIN)
                .setToken(OnboardingHarness.CIPHER.encrypt("secret-token-" + id)).setTokenIssuedAt(at)
                .setTokenExpiresAt(at.plus(Duration.ofDays(60))).setStatus(status)
                .setStatusReason(status == ChannelStatus.ACTIVE ? null : "token revoked").setConnectedAt(at)
                .setUpdatedAt(at).build();
    }

    @Test
    void shouldSendAVisitorToSignIn() {
        HttpResponse<String> page = hub.browser().get("/dashboard");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).contains("/dashboard/login");
    }

    @Test
    void shouldStartNoSessionBeforeSignInAndAnHttpOnlySameSiteOneAtSignIn() {
        HubClient browser = hub.browser();
        HttpResponse<String> login = browser.get("/dashboard/login");
        List<String> before = login.headers().allValues("Set-Cookie");
        assertThat(before).as("only the signed sign-in form token, no session").singleElement().asString()
                .startsWith("igr_login_csrf=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict");

        HttpResponse<String> signedIn = browser.post("/dashboard/login", Map.of("apiKey", OnboardingHarness.KEY_A));

        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().allValues("Set-Cookie")).singleElement().asString()
                .startsWith(SessionHandler.COOKIE + "=").containsIgnoringCase("HttpOnly")
                .contains("SameSite=Lax", "Path=/");
    }

    @Test
    void shouldRefuseASignInWhoseFormTokenDoesNotMatchItsSignedCookie() {
        HubClient browser = hub.browser();
        browser.get("/dashboard/login");

        HttpResponse<String> forged = browser.post("/dashboard/login",
                Map.of("apiKey", OnboardingHarness.KEY_A, "csrf", "1.forged.mac"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(hub.browser().post("/dashboard/login", Map.of("apiKey", OnboardingHarness.KEY_A)).statusCode())
                .as("no cookie, no form token").isEqualTo(403);
    }

    @Test
    void shouldRejectAnUnknownApiKey() {
        HubClient browser = hub.browser();
        browser.get("/dashboard/login");
        HttpResponse<String> page = browser.post("/dashboard/login", Map.of("apiKey", "igr_nope1234_xxxxxxxxxxxxxxxxxxxx"));
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.body()).contains("That API key is not valid");
    }

    @Test
    void shouldRefuseAFormWithoutThisSessionsCsrfToken() {
        HubClient browser = hub.browser();
        browser.signIn(OnboardingHarness.KEY_A);

        HttpResponse<String> answer = browser.post("/dashboard/channels/" + OWN + "/disconnect",
                Map.of("csrf", "forged"));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(hub.publisher.events()).isEmpty();
    }

    @Test
    void shouldListOnlyTheApplicationsOwnChannelsWithoutTokens() {
        HubClient browser = hub.browser();
        browser.signIn(OnboardingHarness.KEY_A);

        HttpResponse<String> list = browser.get("/dashboard");

        assertThat(list.body()).contains("@fixture.shop", OWN, "REAUTH_REQUIRED", "badge-reauth")
                .doesNotContain("fixture.studio", OTHERS, "secret-token");
        assertThat(browser.get("/dashboard/channels/" + OTHERS).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRenderTheSharedHeadAndSignOutBarOnEveryPage() {
        HubClient browser = hub.browser();
        assertThat(browser.get("/dashboard/login").body()).contains("<title>Sign in · igrelay</title>",
                "/dashboard/static/dashboard.css").doesNotContain("Sign out");
        browser.signIn(OnboardingHarness.KEY_A);

        assertThat(browser.get("/dashboard").body()).contains("<title>Channels · igrelay</title>",
                "action=\"/dashboard/logout\"", "name=\"csrf\"", "Sign out");
        assertThat(browser.get("/dashboard/channels/" + OWN).body()).contains("<title>Channel · igrelay</title>",
                "Sign out");
    }

    @Test
    void shouldShowTheDetailWithCopyAndReconnectForAChannelNeedingReauthorisation() {
        HubClient browser = hub.browser();
        browser.signIn(OnboardingHarness.KEY_A);

        HttpResponse<String> detail = browser.get("/dashboard/channels/" + OWN);

        assertThat(detail.body()).contains(OWN, "data-copy=\"" + OWN + "\"", "Reconnect", "token revoked",
                "Disconnect", "2026-04-02 12:00 UTC").doesNotContain("secret-token");
        assertThat(detail.body()).contains("id=\"channel-comments\"",
                "not subscribed (add comments, live_comments to ONBOARDING_SUBSCRIBED_FIELDS)");
        assertThat(detail.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void shouldShowTheIceBreakersAndMenuMetaHoldsOnTheChannelPage() {
        String active = "0b9d3c52-0000-4000-8000-00000000000c";
        String token = hub.sandbox.issueToken(Directory.ACCOUNT_A, io.igrelay.sandbox.state.Flavour.INSTAGRAM_LOGIN);
        hub.registry.apply(active, Channel.newBuilder(channel(active, "app-a", "fixture.shop", ChannelStatus.ACTIVE))
                .setIgUserId(Directory.ACCOUNT_A).setToken(OnboardingHarness.CIPHER.encrypt(token)).build());
        hub.sandbox.state().messaging().set(Directory.ACCOUNT_A, "instagram", "ice_breakers", json(
                "[{\"locale\":\"default\",\"call_to_actions\":[{\"question\":\"Where is my order?\","
                        + "\"payload\":\"ORDER_STATUS\"}]}]"));
        hub.sandbox.state().messaging().set(Directory.ACCOUNT_A, "instagram", "persistent_menu", json(
                "[{\"locale\":\"default\",\"call_to_actions\":[{\"type\":\"postback\",\"title\":\"Talk to us\","
                        + "\"payload\":\"AGENT\"}]}]"));
        HubClient browser = hub.browser();
        browser.signIn(OnboardingHarness.KEY_A);

        HttpResponse<String> detail = browser.get("/dashboard/channels/" + active);

        assertThat(detail.body()).contains("Ice breakers", "[default] Where is my order? → ORDER_STATUS",
                "Persistent menu", "[default] Talk to us → AGENT").doesNotContain("Meta did not answer");
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldDisconnectAChannel() {
        HubClient browser = hub.browser();
        browser.signIn(OnboardingHarness.KEY_A);
        browser.get("/dashboard/channels/" + OWN);

        HttpResponse<String> after = browser.follow(browser.post("/dashboard/channels/" + OWN + "/disconnect",
                Map.of()));

        assertThat(after.body()).contains("DISCONNECTED").doesNotContain("id=\"disconnect\"");
        assertThat(hub.registry.byId(OWN).orElseThrow().getToken()).isNull();
    }
}
