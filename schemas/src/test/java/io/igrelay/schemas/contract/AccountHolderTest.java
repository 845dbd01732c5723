package io.igrelay.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.Flavour;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountHolderTest {

    private static Channel channel(String id, String app, ChannelStatus status, long connectedAt) {
        return Channel.newBuilder().setChannelId(id).setApplicationId(app).setIgUserId("1784")
                .setUsername("acme").setFlavour(Flavour.INSTAGRAM_LOGIN).setStatus(status)
                .setConnectedAt(Instant.ofEpochSecond(connectedAt)).setUpdatedAt(Instant.ofEpochSecond(connectedAt))
                .build();
    }

    @Test
    void shouldPreferTheActiveChannelOverALaterDisconnectedOneWhateverTheOrder() {
        Channel tenantA = channel("a", "app-a", ChannelStatus.ACTIVE, 100);
        Channel tenantBGone = channel("b", "app-b", ChannelStatus.DISCONNECTED, 200);
        assertThat(AccountHolder.among("1784", List.of(tenantA, tenantBGone))).contains(tenantA);
        assertThat(AccountHolder.among("1784", List.of(tenantBGone, tenantA))).contains(tenantA);
    }

    @Test
    void shouldLetNoDisconnectedChannelHoldTheAccountEvenAlone() {
        assertThat(AccountHolder.among("1784", List.of(channel("b", "app-b", ChannelStatus.DISCONNECTED, 200))))
                .isEmpty();
    }

    @Test
    void shouldRankActiveThenLatestConnectionAndIgnoreOtherAccounts() {
        Channel reauth = channel("r", "app-a", ChannelStatus.REAUTH_REQUIRED, 300);
        Channel activeOld = channel("o", "app-a", ChannelStatus.ACTIVE, 100);
        Channel activeNew = channel("n", "app-b", ChannelStatus.ACTIVE, 200);
        assertThat(AccountHolder.among("1784", List.of(reauth, activeOld, activeNew))).contains(activeNew);
        assertThat(AccountHolder.among("1784", List.of(reauth))).contains(reauth);
        assertThat(AccountHolder.among("9999", List.of(activeNew))).isEmpty();
    }
}
