package io.igrelay.dispatcher.webhooks.routing;

import static io.igrelay.dispatcher.state.TenantSequences.A;
import static io.igrelay.dispatcher.state.TenantSequences.ACCOUNT;
import static io.igrelay.dispatcher.state.TenantSequences.B;
import static io.igrelay.dispatcher.state.TenantSequences.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.MessageStatus;
import io.igrelay.dispatcher.state.ChannelView;
import io.igrelay.dispatcher.state.TenantSequences;
import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import io.igrelay.schemas.serde.AvroSerdes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/* Inbound content reaches only the Application of the channel that holds the account now; a DISCONNECTED channel,
 * or one another channel took the account over from, gets nothing. */
class ContentRoutingTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Counter withheld = registry.counter("withheld");
    private final AvroSerdes serdes = AvroSerdes.fromUrl("mem://routing-" + UUID.randomUUID(), Optional.empty());

    private static InstagramEvent message(String channelId) {
        return InstagramEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setKind(EventKind.MESSAGE)
                .setIgAccountId(ACCOUNT).setIgsid("7309182736451928").setChannelId(channelId)
                .setMid("mid-" + UUID.randomUUID()).setTimestamp(T0.plusSeconds(300))
                .setReceivedAt(T0.plusSeconds(300)).setDeliveryId("d1").setText("private words").build();
    }

    private List<QueuedEvent> route(ChannelView channels, InstagramEvent event) {
        EventRouter router = new EventRouter("ig.events", serdes.deserializer(InstagramEvent.class),
                serdes.deserializer(MessageStatus.class), new ContentRouting(channels, withheld)::applicationFor,
                new StatusGate(100));
        byte[] bytes = serdes.forType(InstagramEvent.class).serializer().serialize("ig.events", event);
        return router.route(new ConsumerRecord<>("ig.events", 0, 0, event.getIgsid(), bytes));
    }

    @Test
    void shouldRouteToBAndNeverToAAfterConnectADisconnectAConnectB() {
        ChannelView channels = TenantSequences.connectADisconnectAConnectB();

        List<QueuedEvent> viaB = route(channels, message(B));
        List<QueuedEvent> viaA = route(channels, message(A));

        assertThat(viaB).singleElement().satisfies(e -> assertThat(e.applicationId()).isEqualTo("app-b"));
        assertThat(viaA).isEmpty();
        assertThat(withheld.count()).isEqualTo(1);
    }

    @Test
    void shouldRouteNothingWhenTheAccountsOnlyChannelIsDisconnected() {
        ChannelView channels = TenantSequences.onlyDisconnectedA();

        assertThat(route(channels, message(A))).isEmpty();
        assertThat(withheld.count()).isEqualTo(1);
    }

    @Test
    void shouldRouteToTheOwnerWhileItsChannelIsActive() {
        ChannelView channels = new ChannelView("ig.channels");
        channels.apply(A, TenantSequences.channel(A, "app-a", ChannelStatus.ACTIVE, T0, T0));

        assertThat(route(channels, message(A))).singleElement()
                .satisfies(e -> assertThat(e.applicationId()).isEqualTo("app-a"));
        assertThat(withheld.count()).isZero();
    }
}
