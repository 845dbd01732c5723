package io.igrelay.ingress.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.Flavour;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The registry view: who holds an Instagram account, lookups by username, tombstones. */
class ChannelRegistryViewTest {

    private final ChannelRegistryView view = new ChannelRegistryView();

    private static Channel channel(String id, String app, String igUserId, String username, ChannelStatus status) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return Channel.newBuilder().setChannelId(id).setApplicationId(app).setIgUserId(igUserId).setUsername(username)
                .setFlavour(Flavour.INSTAGRAM_LOGIN).setStatus(status).setConnectedAt(at).setUpdatedAt(at).build();
    }

    @Test
    void shouldNotCountADisconnectedChannelAsTheAccountsHolder() {
        view.apply("old", channel("old", "app-a", "1784", "shop", ChannelStatus.DISCONNECTED));
        assertThat(view.holderOf("1784")).isEmpty();

        view.apply("new", channel("new", "app-b", "1784", "shop", ChannelStatus.REAUTH_REQUIRED));
        assertThat(view.holderOf("1784")).map(Channel::getChannelId).contains("new");
    }

    @Test
    void shouldFindByUsernameCaseInsensitivelyWithinTheApplication() {
        view.apply("c1", channel("c1", "app-a", "1", "Fixture.Shop", ChannelStatus.ACTIVE));

        assertThat(view.byUsername("app-a", "@fixture.shop")).isPresent();
        assertThat(view.byUsername("app-b", "fixture.shop")).isEmpty();
    }

    @Test
    void shouldForgetATombstonedChannel() {
        view.apply("c1", channel("c1", "app-a", "1", "shop", ChannelStatus.ACTIVE));
        view.apply("c1", null);

        assertThat(view.byId("c1")).isEmpty();
        assertThat(view.byApplication("app-a")).isEmpty();
    }
}
