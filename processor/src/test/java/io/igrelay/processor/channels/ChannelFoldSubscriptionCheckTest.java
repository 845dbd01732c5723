package io.igrelay.processor.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.SubscriptionCheck;
import io.igrelay.avro.SubscriptionCheckOutcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/* The ingress's subscription watchdog reports its checks as SUBSCRIPTION_CHECKED; the fold only records them. */
class ChannelFoldSubscriptionCheckTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static Channel active() {
        return Channel.newBuilder().setChannelId("c-1").setApplicationId("app").setIgUserId("17841463920184527")
                .setUsername("shop").setFlavour(Flavour.INSTAGRAM_LOGIN).setStatus(ChannelStatus.ACTIVE)
                .setConnectedAt(T0).setUpdatedAt(T0).build();
    }

    private static ChannelEvent checked(Instant at) {
        return ChannelEvent.newBuilder().setEventId("e-1").setChannelId("c-1")
                .setType(ChannelEventType.SUBSCRIPTION_CHECKED).setAt(at)
                .setSubscriptionCheck(SubscriptionCheck.newBuilder().setCheckedAt(at)
                        .setOutcome(SubscriptionCheckOutcome.REPAIRED).setMissingFields(List.of("messages")).build())
                .build();
    }

    @Test
    void shouldRecordTheCheckAndLeaveStatusAndUpdateTimeAlone() {
        Instant later = T0.plusSeconds(3600);

        Channel next = ChannelFoldProcessor.apply(active(), checked(later));

        assertThat(next.getSubscriptionCheck().getOutcome()).isEqualTo(SubscriptionCheckOutcome.REPAIRED);
        assertThat(next.getStatus()).isEqualTo(ChannelStatus.ACTIVE);
        assertThat(next.getUpdatedAt()).isEqualTo(T0);
    }

    @Test
    void shouldIgnoreACheckOfAChannelItDoesNotKnow() {
        assertThat(ChannelFoldProcessor.apply(null, checked(T0))).isNull();
    }
}
