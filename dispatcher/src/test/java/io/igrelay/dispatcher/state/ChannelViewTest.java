package io.igrelay.dispatcher.state;

import static io.igrelay.dispatcher.state.TenantSequences.A;
import static io.igrelay.dispatcher.state.TenantSequences.ACCOUNT;
import static io.igrelay.dispatcher.state.TenantSequences.B;
import static io.igrelay.dispatcher.state.TenantSequences.T0;
import static io.igrelay.dispatcher.state.TenantSequences.channel;
import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import org.junit.jupiter.api.Test;

/* Which channel holds an Instagram account now: never a DISCONNECTED one; ACTIVE first, then the latest connection. */
class ChannelViewTest {

    @Test
    void shouldHandTheAccountToBAfterADisconnectedAndBConnected() {
        ChannelView view = TenantSequences.connectADisconnectAConnectB();

        assertThat(view.holder(ACCOUNT)).map(Channel::getChannelId).hasValue(B);
    }

    @Test
    void shouldHaveNoHolderWhenTheOnlyChannelIsDisconnected() {
        assertThat(TenantSequences.onlyDisconnectedA().holder(ACCOUNT)).isEmpty();
    }

    @Test
    void shouldPreferAnActiveChannelOverAMoreRecentOneThatNeedsReauthorisation() {
        ChannelView view = new ChannelView("ig.channels");
        view.apply(A, channel(A, "app-a", ChannelStatus.ACTIVE, T0, T0));
        view.apply(B, channel(B, "app-b", ChannelStatus.REAUTH_REQUIRED, T0.plusSeconds(5), T0.plusSeconds(5)));

        assertThat(view.holder(ACCOUNT)).map(Channel::getChannelId).hasValue(A);
    }

    @Test
    void shouldForgetATombstonedChannel() {
        ChannelView view = TenantSequences.connectADisconnectAConnectB();
        view.apply(B, null);

        assertThat(view.holder(ACCOUNT)).isEmpty();
        assertThat(view.get(B)).isEmpty();
    }
}
