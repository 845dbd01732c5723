package io.igrelay.ingress.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.Flavour;
import io.igrelay.ingress.config.OnboardingSettings;
import io.igrelay.sandbox.state.IgAccount;
import io.igrelay.sandbox.state.TokenInfo;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** "Connect with Instagram" against the sandbox's OAuth pages and Graph API, without Kafka. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstagramFlowTest {

    static final String SHOP_USER_ID = "17841463920184527";
    static final String SHOP_APP_SCOPED_ID = "27140385936052117";

    private final OnboardingHarness hub = new OnboardingHarness();

    @BeforeEach
    void clean() {
        hub.registry.all().forEach(c -> hub.registry.apply(c.getChannelId(), null));
        hub.publisher.events().clear();
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    /** Signs in, clicks "Connect with Instagram" and answers the sandbox's dialog; returns the final page. */
    static HttpResponse<String> connect(HubClient browser, String key, String sandboxAnswer) {
        browser.signIn(key);
        HttpResponse<String> toDialog = browser.post("/dashboard/connect/instagram", Map.of());
        assertThat(toDialog.statusCode()).isEqualTo(303);
        return browser.follow(browser.get(HubClient.location(toDialog) + sandboxAnswer));
    }

    @Test
    void shouldConnectTheAccountAndShowTheChannelUuid() {
        HttpResponse<String> page = connect(hub.browser(), OnboardingHarness.KEY_A,
                "&sandbox_auto=allow&sandbox_account=fixture.shop");

        Channel channel = hub.registry.holderOf(SHOP_USER_ID).orElseThrow();
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/dashboard/channels/" + channel.getChannelId());
        assertThat(page.body()).contains(channel.getChannelId(), "@fixture.shop", "Instagram Login", "ACTIVE");
        assertThat(channel.getApplicationId()).isEqualTo("app-a");
        assertThat(channel.getAppScopedUserId()).as("app-scoped id kept for deletion callbacks")
                .isEqualTo(SHOP_APP_SCOPED_ID);
        assertThat(channel.getAppId()).isEqualTo("200000000000002");
        assertThat(channel.getFlavour()).isEqualTo(Flavour.INSTAGRAM_LOGIN);
        assertThat(channel.getTokenExpiresAt()).isAfter(channel.getTokenIssuedAt().plusSeconds(59L * 24 * 3600));
        String token = OnboardingHarness.CIPHER.decrypt(channel.getToken());
        assertThat(hub.sandbox.state().tokens().find(token)).map(TokenInfo::kind).contains(TokenInfo.Kind.IG_LONG);
        assertThat(page.body()).doesNotContain(token);
        assertThat(hub.publisher.events()).singleElement()
                .satisfies(e -> assertThat(e.getType()).isEqualTo(ChannelEventType.CONNECTED));
        IgAccount account = hub.sandbox.state().directory().findAccount("fixture.shop").orElseThrow();
        assertThat(account.subscription().orElseThrow().fields())
                .containsExactlyElementsOf(OnboardingSettings.defaults().fields().instagram());
    }

    @Test
    void shouldKeepTheUuidWhenTheSameApplicationReconnects() {
        connect(hub.browser(), OnboardingHarness.KEY_A, "&sandbox_auto=allow&sandbox_account=fixture.shop");
        String first = hub.registry.holderOf(SHOP_USER_ID).orElseThrow().getChannelId();

        HttpResponse<String> again = connect(hub.browser(), OnboardingHarness.KEY_A,
                "&sandbox_auto=allow&sandbox_account=fixture.shop");

        assertThat(again.uri().getPath()).isEqualTo("/dashboard/channels/" + first);
        assertThat(hub.registry.all()).hasSize(1);
        assertThat(hub.publisher.events()).extracting(e -> e.getType())
                .containsExactly(ChannelEventType.CONNECTED, ChannelEventType.RECONNECTED);
    }

    @Test
    void shouldGiveANewUuidOnlyAfterADisconnect() {
        HubClient browser = hub.browser();
        connect(browser, OnboardingHarness.KEY_A, "&sandbox_auto=allow&sandbox_account=fixture.shop");
        String first = hub.registry.holderOf(SHOP_USER_ID).orElseThrow().getChannelId();
        browser.get("/dashboard/channels/" + first);
        browser.follow(browser.post("/dashboard/channels/" + first + "/disconnect", Map.of()));
        assertThat(hub.registry.byId(first).orElseThrow().getStatus()).isEqualTo(ChannelStatus.DISCONNECTED);
        assertThat(hub.registry.byId(first).orElseThrow().getToken()).as("token destroyed").isNull();

        connect(browser, OnboardingHarness.KEY_A, "&sandbox_auto=allow&sandbox_account=fixture.shop");

        assertThat(hub.registry.holderOf(SHOP_USER_ID).orElseThrow().getChannelId()).isNotEqualTo(first);
    }

    @Test
    void shouldRefuseAnAccountConnectedToAnotherApplication() {
        connect(hub.browser(), OnboardingHarness.KEY_A, "&sandbox_auto=allow&sandbox_account=fixture.shop");

        HttpResponse<String> page = connect(hub.browser(), OnboardingHarness.KEY_B,
                "&sandbox_auto=allow&sandbox_account=fixture.shop");

        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).contains("already connected to another Application");
        assertThat(hub.publisher.events()).hasSize(1);
        assertThat(hub.registry.byApplication("app-b")).isEmpty();
    }

    @Test
    void shouldEndOnAClearPageWhenConsentIsDenied() {
        HttpResponse<String> page = connect(hub.browser(), OnboardingHarness.KEY_A, "&sandbox_auto=deny");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Connection cancelled", "No channel was connected");
        assertThat(hub.publisher.events()).isEmpty();
    }

    @Test
    void shouldRefuseAPersonalAccount() {
        HttpResponse<String> page = connect(hub.browser(), OnboardingHarness.KEY_A,
                "&sandbox_auto=allow&sandbox_account=fixture.personal");

        assertThat(page.body()).contains("Not a professional account", "@fixture.personal");
        assertThat(hub.publisher.events()).isEmpty();
        assertThat(hub.sandbox.state().directory().findAccount("fixture.personal").orElseThrow().subscription())
                .isEmpty();
    }

    @Test
    void shouldRefuseAReplayedState() {
        HubClient browser = hub.browser();
        browser.signIn(OnboardingHarness.KEY_A);
        HttpResponse<String> toDialog = browser.post("/dashboard/connect/instagram", Map.of());
        String callback = HubClient.location(browser.get(HubClient.location(toDialog)
                + "&sandbox_auto=allow&sandbox_account=fixture.shop"));
        browser.follow(browser.get(callback));

        HttpResponse<String> replay = browser.follow(browser.get(callback));

        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("This sign-in link is not valid", "already used");
        assertThat(hub.publisher.events()).hasSize(1);
    }

    @Test
    void shouldRefuseAForgedState() {
        HubClient browser = hub.browser();
        browser.signIn(OnboardingHarness.KEY_A);

        HttpResponse<String> page = browser.get(InstagramFlow.CALLBACK + "?code=abc&state=forged");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("This sign-in link is not valid");
        assertThat(hub.publisher.events()).isEmpty();
    }

    @Test
    void shouldShowMetasRefusalWhenTheCodeExchangeFails() {
        HubClient browser = hub.browser();
        browser.signIn(OnboardingHarness.KEY_A);
        String dialog = HubClient.location(browser.post("/dashboard/connect/instagram", Map.of()));
        String state = dialog.replaceAll(".*[?&]state=([^&]+).*", "$1");

        HttpResponse<String> page = browser.get(InstagramFlow.CALLBACK + "?code=not-a-code&state=" + state);

        assertThat(page.statusCode()).isEqualTo(502);
        assertThat(page.body()).contains("Meta refused the connection", "exchanging the authorization code");
        assertThat(hub.publisher.events()).isEmpty();
    }

    @Test
    void shouldSendAVisitorWithoutSessionToSignIn() {
        HttpResponse<String> page = hub.browser().get(InstagramFlow.CALLBACK + "?code=abc&state=x");

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).contains("/dashboard/login");
    }
}
