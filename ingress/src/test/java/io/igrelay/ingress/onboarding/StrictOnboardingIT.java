package io.igrelay.ingress.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.ingress.metagraph.SubscribedFields;
import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.sandbox.state.IgAccount;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Both onboarding flavours against the sandbox made strict where Meta is: the Page is subscribed with Page field
 * names (an Instagram name would be refused with #100), a Page a business portfolio owns is listed only because the
 * hub asks for business_management, a Facebook Login for Business configuration replaces the scopes, and an
 * Instagram account whose account_type comes in lower case is accepted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictOnboardingIT {

    private static final String STUDIO_USER_ID = "17841407715263948";
    private static final String STUDIO_PAGE = "108920345566779";

    private final OnboardingHarness hub = new OnboardingHarness();
    private final OnboardingHarness hubWithConfig = new OnboardingHarness(Clock.systemUTC(), Map.of(),
            Optional.of(SandboxConfig.DEV_FB_LOGIN_CONFIG_ID));

    @BeforeEach
    void clean() {
        for (OnboardingHarness h : new OnboardingHarness[] {hub, hubWithConfig}) {
            h.registry.all().forEach(c -> h.registry.apply(c.getChannelId(), null));
            h.publisher.events().clear();
        }
    }

    @AfterAll
    void stop() {
        hub.close();
        hubWithConfig.close();
    }

    private static Channel connectStudioThroughItsPage(OnboardingHarness h) {
        HubClient browser = h.browser();
        return chooseStudio(h, browser, FacebookFlowTest.toPageChooser(browser,
                "&sandbox_auto=allow&sandbox_pages=all"));
    }

    private static Channel chooseStudio(OnboardingHarness h, HubClient browser, HttpResponse<String> chooser) {
        assertThat(chooser.body()).contains("Fixture Studio");
        browser.follow(browser.post("/dashboard/connect/facebook/pages", Map.of("pageId", STUDIO_PAGE)));
        HttpResponse<String> detail = browser.follow(browser.post("/dashboard/connect/facebook/accounts",
                Map.of("igUserId", STUDIO_USER_ID)));
        assertThat(detail.statusCode()).as(detail.body()).isEqualTo(200);
        return h.registry.holderOf(STUDIO_USER_ID).orElseThrow();
    }

    @Test
    void shouldConnectABusinessOwnedPageAndSubscribeItWithPageFields() {
        Channel channel = connectStudioThroughItsPage(hub);

        assertThat(channel.getPageId()).isEqualTo(STUDIO_PAGE);
        assertThat(channel.getStatus()).isEqualTo(ChannelStatus.ACTIVE);
        IgAccount.Subscription subscription = hub.sandbox.state().directory().account(STUDIO_USER_ID).orElseThrow()
                .subscription().orElseThrow();
        assertThat(subscription.fields()).containsExactlyElementsOf(SubscribedFields.defaults().page());
    }

    @Test
    void shouldConnectThroughAFacebookLoginForBusinessConfiguration() {
        HubClient browser = hubWithConfig.browser();
        browser.signIn(OnboardingHarness.KEY_A);
        HttpResponse<String> toDialog = browser.post("/dashboard/connect/facebook", Map.of());
        assertThat(HubClient.location(toDialog)).contains("config_id=" + SandboxConfig.DEV_FB_LOGIN_CONFIG_ID)
                .doesNotContain("scope=");

        Channel channel = chooseStudio(hubWithConfig, browser, browser.follow(browser.get(
                HubClient.location(toDialog) + "&sandbox_auto=allow&sandbox_pages=all")));

        assertThat(channel.getStatus()).isEqualTo(ChannelStatus.ACTIVE);
    }

    @Test
    void shouldConnectAnInstagramAccountWhoseAccountTypeIsInLowerCase() {
        HttpResponse<String> created = hub.sandboxAdmin("POST", "/accounts", "{\"userId\":\"17841499990000001\","
                + "\"username\":\"lower.case.shop\",\"accountType\":\"business\"}");
        assertThat(created.statusCode()).isEqualTo(201);

        HttpResponse<String> page = InstagramFlowTest.connect(hub.browser(), OnboardingHarness.KEY_A,
                "&sandbox_auto=allow&sandbox_account=lower.case.shop");

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(hub.registry.holderOf("17841499990000001")).isPresent();
        assertThat(hub.sandbox.state().directory().account("17841499990000001").orElseThrow().subscription()
                .orElseThrow().fields()).containsExactlyElementsOf(SubscribedFields.defaults().instagram());
    }
}
