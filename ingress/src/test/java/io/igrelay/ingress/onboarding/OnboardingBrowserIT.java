package io.igrelay.ingress.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Channel;
import io.igrelay.sandbox.state.Directory;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Both onboarding flows clicked through in headless Chromium against the sandbox's real OAuth pages, and
 * each failure path: the page text, and that no channel was created.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnboardingBrowserIT {

    private BrowserSupport browser;
    private OnboardingHarness hub;
    private WebDriver driver;

    @BeforeAll
    void start() {
        browser = BrowserSupport.start();
        driver = browser.driver;
        hub = new OnboardingHarness();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @BeforeEach
    void signIn() {
        hub.registry.all().forEach(c -> hub.registry.apply(c.getChannelId(), null));
        hub.publisher.events().clear();
        hub.clock.reset();
        hub.sandboxAdmin("PUT", "/faults/token-exchange", "{\"flavour\":\"facebook\",\"count\":0}");
        hub.sandboxAdmin("PUT", "/faults/token-exchange", "{\"flavour\":\"instagram\",\"count\":0}");
        driver.manage().deleteAllCookies();
        driver.get(hub.baseUrl + "/dashboard/login");
        driver.findElement(By.id("apiKey")).sendKeys(OnboardingHarness.KEY_A);
        go(By.id("sign-in"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Channels");
        go(By.id("add-channel"));
    }

    private void go(By target) {
        browser.go(target);
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    @Test
    void shouldConnectWithInstagramAndShowTheNewChannelsUuid() {
        go(By.id("connect-instagram"));
        assertThat(driver.findElement(By.id("scopes")).getText()).contains("instagram_business_manage_messages");
        driver.findElement(By.cssSelector("input[name=account][value='fixture.shop']")).click();
        go(By.id("allow"));

        Channel channel = hub.registry.holderOf(InstagramFlowTest.SHOP_USER_ID).orElseThrow();
        assertThat(text("channel-id")).isEqualTo(channel.getChannelId());
        assertThat(text("channel-username")).isEqualTo("@fixture.shop");
        assertThat(text("channel-flavour")).isEqualTo("Instagram Login");
        assertThat(text("channel-status")).isEqualTo("ACTIVE");
        driver.get(hub.baseUrl + "/dashboard");
        assertThat(driver.getPageSource()).contains(channel.getChannelId(), "@fixture.shop");
    }

    @Test
    void shouldDisconnectAndRemoveTheWebhookSubscriptionAtMeta() {
        go(By.id("connect-instagram"));
        driver.findElement(By.cssSelector("input[name=account][value='fixture.shop']")).click();
        go(By.id("allow"));
        assertThat(subscriptionAtMeta(InstagramFlowTest.SHOP_USER_ID)).as("subscribed while connecting").isTrue();

        go(By.id("disconnect"));

        assertThat(text("channel-status")).isEqualTo("DISCONNECTED");
        assertThat(subscriptionAtMeta(InstagramFlowTest.SHOP_USER_ID)).as("unsubscribed by the disconnect").isFalse();
    }

    /** Whether the sandbox holds a webhook subscription of the account (its admin view of Meta's state). */
    private boolean subscriptionAtMeta(String userId) {
        var accounts = new io.vertx.core.json.JsonObject(hub.sandboxAdmin("GET", "/accounts", "").body())
                .getJsonArray("data");
        for (int i = 0; i < accounts.size(); i++) {
            var account = accounts.getJsonObject(i);
            if (userId.equals(account.getString("userId"))) {
                return account.getValue("subscription") != null;
            }
        }
        throw new AssertionError("no sandbox account " + userId);
    }

    @Test
    void shouldConnectWithFacebookChoosingThePageThenTheAccount() {
        go(By.id("connect-facebook"));
        assertThat(driver.getPageSource()).contains("Fixture Bakery");
        go(By.id("allow"));
        driver.findElement(By.id("page-" + FacebookFlowTest.PAGE_A)).click();
        go(By.id("choose-page"));
        assertThat(driver.findElement(By.tagName("legend")).getText()).contains("Instagram account linked to");
        go(By.id("choose-account"));

        Channel channel = hub.registry.holderOf(InstagramFlowTest.SHOP_USER_ID).orElseThrow();
        assertThat(text("channel-id")).isEqualTo(channel.getChannelId());
        assertThat(text("channel-flavour")).isEqualTo("Facebook Login");
        assertThat(channel.getPageId()).isEqualTo(FacebookFlowTest.PAGE_A);
    }

    @Test
    void shouldExplainACancelledInstagramConsent() {
        go(By.id("connect-instagram"));
        go(By.id("cancel"));

        assertThat(text("failure-title")).isEqualTo("Connection cancelled");
        assertThat(hub.publisher.events()).isEmpty();
    }

    @Test
    void shouldExplainACancelledFacebookConsent() {
        go(By.id("connect-facebook"));
        go(By.id("cancel"));

        assertThat(text("failure-title")).isEqualTo("Connection cancelled");
        assertThat(hub.publisher.events()).isEmpty();
    }

    @Test
    void shouldRefuseAPersonalAccount() {
        go(By.id("connect-instagram"));
        driver.findElement(By.cssSelector("input[name=account][value='fixture.personal']")).click();
        go(By.id("allow"));

        assertThat(text("failure-title")).isEqualTo("Not a professional account");
        assertThat(text("failure-message")).contains("@fixture.personal", "No channel was connected");
        assertThat(hub.publisher.events()).isEmpty();
    }

    @Test
    void shouldRefuseAPageWithoutAnInstagramAccount() {
        go(By.id("connect-facebook"));
        go(By.id("allow"));
        driver.findElement(By.id("page-" + FacebookFlowTest.PAGE_WITHOUT_IG)).click();
        go(By.id("choose-page"));

        assertThat(text("failure-title")).isEqualTo("No Instagram account on this Page");
        assertThat(hub.publisher.events()).isEmpty();
    }

    @Test
    void shouldRefuseAPageWhereTheUserMayNotMessage() {
        go(By.id("connect-facebook"));
        go(By.id("allow"));
        driver.findElement(By.id("page-" + Directory.PAGE_WITHOUT_MESSAGING)).click();
        go(By.id("choose-page"));

        assertThat(text("failure-title")).isEqualTo("Messaging not allowed on this Page");
        assertThat(text("failure-message")).contains("Fixture Gallery", "No channel was connected");
        assertThat(hub.publisher.events()).isEmpty();
    }

    @Test
    void shouldExplainAMetaErrorDuringTheFacebookExchange() {
        hub.sandboxAdmin("PUT", "/faults/token-exchange", "{\"flavour\":\"facebook\",\"count\":1}");
        go(By.id("connect-facebook"));
        go(By.id("allow"));

        assertThat(text("failure-title")).isEqualTo("Meta refused the connection");
        assertThat(text("failure-message")).contains("No channel was connected");
        assertThat(hub.publisher.events()).isEmpty();
    }

    @Test
    void shouldExplainAMetaErrorDuringTheInstagramExchange() {
        hub.sandboxAdmin("PUT", "/faults/token-exchange", "{\"flavour\":\"instagram\",\"count\":1}");
        go(By.id("connect-instagram"));
        driver.findElement(By.cssSelector("input[name=account][value='fixture.shop']")).click();
        go(By.id("allow"));

        assertThat(text("failure-title")).isEqualTo("Meta refused the connection");
        assertThat(hub.publisher.events()).isEmpty();
    }

    @Test
    void shouldRefuseAnExpiredState() {
        go(By.id("connect-instagram"));
        hub.clock.advance(Duration.ofMinutes(11)); // the consent took longer than the state's 10 minutes
        driver.findElement(By.cssSelector("input[name=account][value='fixture.shop']")).click();
        go(By.id("allow"));

        assertThat(text("failure-title")).isEqualTo("This sign-in link is not valid");
        assertThat(text("failure-message")).contains("expired");
        assertThat(hub.publisher.events()).isEmpty();
    }

    @Test
    void shouldRefuseAReplayedState() {
        go(By.id("connect-instagram"));
        String state = driver.getCurrentUrl().replaceAll(".*[?&]state=([^&]+).*", "$1");
        driver.findElement(By.cssSelector("input[name=account][value='fixture.shop']")).click();
        go(By.id("allow"));
        assertThat(hub.publisher.events()).hasSize(1);

        driver.get(hub.baseUrl + InstagramFlow.CALLBACK + "?code=replayed&state=" + state);

        assertThat(text("failure-title")).isEqualTo("This sign-in link is not valid");
        assertThat(hub.publisher.events()).hasSize(1);
    }

    @Test
    void shouldRefuseAForgedState() {
        driver.get(hub.baseUrl + InstagramFlow.CALLBACK + "?code=x&state=forged-by-an-attacker");

        assertThat(text("failure-title")).isEqualTo("This sign-in link is not valid");
        assertThat(hub.publisher.events()).isEmpty();
    }

    @Test
    void shouldRefuseAnAccountOfAnotherApplication() {
        hub.registry.apply("7a7a7a7a-0000-4000-8000-000000000001", Channel.newBuilder()
                .setChannelId("7a7a7a7a-0000-4000-8000-000000000001").setApplicationId("app-b")
                .setIgUserId(InstagramFlowTest.SHOP_USER_ID).setUsername("fixture.shop")
                .setFlavour(io.igrelay.avro.Flavour.INSTAGRAM_LOGIN).setStatus(io.igrelay.avro.ChannelStatus.ACTIVE)
                .setConnectedAt(java.time.Instant.now()).setUpdatedAt(java.time.Instant.now()).build());
        go(By.id("connect-instagram"));
        driver.findElement(By.cssSelector("input[name=account][value='fixture.shop']")).click();
        go(By.id("allow"));

        assertThat(text("failure-title")).isEqualTo("Account already connected");
        assertThat(hub.publisher.events()).isEmpty();
    }
}
