package io.igrelay.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.ingress.onboarding.OnboardingHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The local stack's demo channel, connected through the real OAuth path without a browser. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoChannelConnectorTest {

    /** The sandbox fixture account {@code fixture.shop} (as in the ingress's InstagramFlowTest). */
    private static final String SHOP_USER_ID = "17841463920184527";

    private final OnboardingHarness hub = new OnboardingHarness();

    @AfterAll
    void stop() {
        hub.close();
    }

    @Test
    void shouldConnectTheDemoChannelAndKeepItsUuidOnTheNextStart() {
        DemoChannelConnector.DemoChannel first = DemoChannelConnector.connect(hub.baseUrl, OnboardingHarness.KEY_A,
                "fixture.shop");
        DemoChannelConnector.DemoChannel second = DemoChannelConnector.connect(hub.baseUrl, OnboardingHarness.KEY_A,
                "fixture.shop");

        assertThat(first.username()).isEqualTo("fixture.shop");
        assertThat(hub.registry.byId(first.channelId())).get()
                .satisfies(c -> assertThat(c.getIgUserId()).isEqualTo(SHOP_USER_ID));
        assertThat(second.channelId()).isEqualTo(first.channelId());
    }

    @Test
    void shouldSayWhyWhenTheKeyIsWrong() {
        assertThatThrownBy(() -> DemoChannelConnector.connect(hub.baseUrl, "igr_wrong123_zzzzzzzzzzzzzzzzzzzz",
                "fixture.shop")).hasMessageContaining("refused the API key");
    }
}
