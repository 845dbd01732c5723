package io.igrelay.dispatcher.state;

import static io.igrelay.dispatcher.state.TenantSequences.A;
import static io.igrelay.dispatcher.state.TenantSequences.ACCOUNT;
import static io.igrelay.dispatcher.state.TenantSequences.B;
import static io.igrelay.dispatcher.state.TenantSequences.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Channel;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.MessagingType;
import io.igrelay.avro.TextContent;
import org.junit.jupiter.api.Test;

/* The Send API never goes out through a DISCONNECTED channel, nor through another Application's channel. */
class ChannelSendCheckTest {

    private static DispatchCommand command(String channelId, String app) {
        return DispatchCommand.newBuilder().setMessageId("m").setApplicationId(app).setChannelId(channelId)
                .setIgAccountId(ACCOUNT).setIgsid("u1").setFlavour(Flavour.INSTAGRAM_LOGIN)
                .setContent(new TextContent("hi")).setMessagingType(MessagingType.RESPONSE)
                .setAcceptedAt(T0).setNotAfter(T0.plusSeconds(3600)).build();
    }

    @Test
    void shouldSendThroughBAndRefuseAAfterConnectADisconnectAConnectB() {
        ChannelSendCheck directory = new ChannelSendCheck(TenantSequences.connectADisconnectAConnectB());

        ChannelSendCheck.Check viaA = directory.check(command(A, "app-a"), T0.plusSeconds(200));
        ChannelSendCheck.Check viaB = directory.check(command(B, "app-b"), T0.plusSeconds(200));

        assertThat(viaA.channel()).isEmpty();
        assertThat(viaA.errorCode()).isEqualTo("CHANNEL_DISCONNECTED");
        assertThat(viaB.channel()).map(Channel::getChannelId).hasValue(B);
    }

    @Test
    void shouldRefuseWhenTheOnlyChannelIsDisconnected() {
        ChannelSendCheck directory = new ChannelSendCheck(TenantSequences.onlyDisconnectedA());

        assertThat(directory.check(command(A, "app-a"), T0.plusSeconds(200)).errorCode())
                .isEqualTo("CHANNEL_DISCONNECTED");
    }

    @Test
    void shouldRefuseAChannelOfAnotherApplication() {
        ChannelSendCheck directory = new ChannelSendCheck(TenantSequences.connectADisconnectAConnectB());

        ChannelSendCheck.Check check = directory.check(command(B, "app-a"), T0.plusSeconds(200));

        assertThat(check.channel()).isEmpty();
        assertThat(check.errorCode()).isEqualTo("CHANNEL_NOT_FOUND");
    }
}
