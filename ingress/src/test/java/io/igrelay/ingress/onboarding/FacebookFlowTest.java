package io.igrelay.ingress.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Channel;
import io.igrelay.avro.Flavour;
import io.igrelay.sandbox.state.TokenInfo;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** "Connect with Facebook": Page, then linked Instagram account, against the sandbox. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FacebookFlowTest {

    static final String PAGE_A = "108920345566778";
    static final String PAGE_WITHOUT_IG = "108920345566781";
    static final String FB_USER = "10223344556677889";

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

    /** Through the dialog to the Page chooser; returns that page. */
    static HttpResponse<String> toPageChooser(HubClient browser, String sandboxAnswer) {
        browser.signIn(OnboardingHarness.KEY_A);
        HttpResponse<String> toDialog = browser.post("/dashboard/connect/facebook", Map.of());
        assertThat(toDialog.statusCode()).isEqualTo(303);
        assertThat(HubClient.location(toDialog)).contains("pages_manage_metadata", "instagram_manage_messages");
        return browser.follow(browser.get(HubClient.location(toDialog) + sandboxAnswer));
    }

    @Test
    void shouldConnectThePagesInstagramAccountWithThePageToken() {
        HubClient browser = hub.browser();
        HttpResponse<String> chooser = toPageChooser(browser, "&sandbox_auto=allow&sandbox_pages=all");
        assertThat(chooser.body()).contains("Choose the Facebook Page", "Fixture Bakery", "no Instagram account");

        HttpResponse<String> accounts = browser.follow(browser.post("/dashboard/connect/facebook/pages",
                Map.of("pageId", PAGE_A)));
        assertThat(accounts.body()).contains("Choose the Instagram account", "@fixture.shop");
        HttpResponse<String> detail = browser.follow(browser.post("/dashboard/connect/facebook/accounts",
                Map.of("igUserId", InstagramFlowTest.SHOP_USER_ID)));

        Channel channel = hub.registry.holderOf(InstagramFlowTest.SHOP_USER_ID).orElseThrow();
        assertThat(detail.uri().getPath()).isEqualTo("/dashboard/channels/" + channel.getChannelId());
        assertThat(detail.body()).contains(channel.getChannelId(), "Facebook Login", PAGE_A);
        assertThat(channel.getFlavour()).isEqualTo(Flavour.FACEBOOK_LOGIN);
        assertThat(channel.getPageId()).isEqualTo(PAGE_A);
        assertThat(channel.getAppScopedUserId()).isEqualTo(FB_USER);
        assertThat(channel.getAppId()).isEqualTo("100000000000001");
        assertThat(channel.getTokenExpiresAt()).as("Page tokens from a long-lived user token do not expire").isNull();
        String token = OnboardingHarness.CIPHER.decrypt(channel.getToken());
        assertThat(hub.sandbox.state().tokens().find(token)).map(TokenInfo::kind).contains(TokenInfo.Kind.FB_PAGE);
        assertThat(chooser.body() + accounts.body() + detail.body()).doesNotContain(token);
        assertThat(hub.sandbox.state().directory().findAccount("fixture.shop").orElseThrow().subscription()
                .orElseThrow().flavour().name()).isEqualTo("FACEBOOK_LOGIN");
    }

    @Test
    void shouldRefuseAPageWithoutALinkedInstagramAccount() {
        HubClient browser = hub.browser();
        toPageChooser(browser, "&sandbox_auto=allow&sandbox_pages=all");

        HttpResponse<String> page = browser.follow(browser.post("/dashboard/connect/facebook/pages",
                Map.of("pageId", PAGE_WITHOUT_IG)));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("No Instagram account on this Page", "Fixture Bakery",
                "No channel was connected");
        assertThat(hub.publisher.events()).isEmpty();
    }

    @Test
    void shouldEndOnAClearPageWhenConsentIsDenied() {
        HttpResponse<String> page = toPageChooser(hub.browser(), "&sandbox_auto=deny");

        assertThat(page.body()).contains("Connection cancelled");
        assertThat(hub.publisher.events()).isEmpty();
    }

    @Test
    void shouldRefuseAnAccountThatIsNotOnTheChosenPage() {
        HubClient browser = hub.browser();
        toPageChooser(browser, "&sandbox_auto=allow&sandbox_pages=all");
        browser.follow(browser.post("/dashboard/connect/facebook/pages", Map.of("pageId", PAGE_A)));

        HttpResponse<String> answer = browser.post("/dashboard/connect/facebook/accounts",
                Map.of("igUserId", "17841407715263948"));

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(hub.publisher.events()).isEmpty();
    }
}
