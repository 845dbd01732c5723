package io.igrelay.ingress.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.EncryptedValue;
import io.igrelay.avro.Flavour;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which tokens the refresher touches: ≥ 24 h old and within the margin; expired ones need re-authorisation. */
class RefreshPolicyTest {

    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private final RefreshPolicy policy = new RefreshPolicy(Duration.ofDays(10));

    private static Channel channel(Flavour flavour, ChannelStatus status, Instant issued, Instant expires) {
        return Channel.newBuilder().setChannelId("c").setApplicationId("a").setIgUserId("1").setUsername("u")
                .setFlavour(flavour).setStatus(status).setToken(new EncryptedValue("k1", ByteBuffer.allocate(1)))
                .setTokenIssuedAt(issued).setTokenExpiresAt(expires).setConnectedAt(issued).setUpdatedAt(issued)
                .build();
    }

    @Test
    void shouldRefreshOnlyInsideTheMargin() {
        Channel c = channel(Flavour.INSTAGRAM_LOGIN, ChannelStatus.ACTIVE, ISSUED, ISSUED.plus(Duration.ofDays(60)));
        assertThat(policy.decide(c, ISSUED.plus(Duration.ofDays(49)))).isEqualTo(RefreshPolicy.Action.NONE);
        assertThat(policy.decide(c, ISSUED.plus(Duration.ofDays(50)))).isEqualTo(RefreshPolicy.Action.REFRESH);
    }

    @Test
    void shouldNotRefreshATokenYoungerThan24Hours() {
        Channel c = channel(Flavour.INSTAGRAM_LOGIN, ChannelStatus.ACTIVE, ISSUED, ISSUED.plus(Duration.ofDays(5)));
        assertThat(policy.decide(c, ISSUED.plus(Duration.ofHours(23)))).isEqualTo(RefreshPolicy.Action.NONE);
        assertThat(policy.decide(c, ISSUED.plus(Duration.ofHours(24)))).isEqualTo(RefreshPolicy.Action.REFRESH);
    }

    @Test
    void shouldReportAnExpiredToken() {
        Channel c = channel(Flavour.INSTAGRAM_LOGIN, ChannelStatus.ACTIVE, ISSUED, ISSUED.plus(Duration.ofDays(60)));
        assertThat(policy.decide(c, ISSUED.plus(Duration.ofDays(60)))).isEqualTo(RefreshPolicy.Action.EXPIRED);
    }

    @Test
    void shouldIgnoreFacebookAndInactiveChannels() {
        Instant late = ISSUED.plus(Duration.ofDays(55));
        assertThat(policy.decide(channel(Flavour.FACEBOOK_LOGIN, ChannelStatus.ACTIVE, ISSUED,
                ISSUED.plus(Duration.ofDays(60))), late)).isEqualTo(RefreshPolicy.Action.NONE);
        assertThat(policy.decide(channel(Flavour.INSTAGRAM_LOGIN, ChannelStatus.REAUTH_REQUIRED, ISSUED,
                ISSUED.plus(Duration.ofDays(60))), late)).isEqualTo(RefreshPolicy.Action.NONE);
    }
}
