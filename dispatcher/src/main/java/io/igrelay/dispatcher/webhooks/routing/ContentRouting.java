package io.igrelay.dispatcher.webhooks.routing;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.dispatcher.state.ChannelView;
import io.micrometer.core.instrument.Counter;
import java.util.Optional;

/*
 * Which Application receives an inbound event's content as a Message (or Comment) webhook: the one that owns the
 * event's channel, and only while that channel holds the event's Instagram account now (not DISCONNECTED, same account,
 * and the account's current holder in the dispatcher's view of ig.channels). Anything else is withheld and counted, so
 * a disconnected channel, or one whose account another channel took over, never receives another tenant's messages.
 */
public final class ContentRouting {

    private final ChannelView channels;
    private final Counter withheld;

    public ContentRouting(ChannelView channels, Counter withheld) {
        this.channels = channels;
        this.withheld = withheld;
    }

    public Optional<String> applicationFor(InstagramEvent event) {
        if (event.getChannelId() == null) {
            return Optional.empty(); // an unknown account: metadata only, for nobody
        }
        Optional<Channel> channel = channels.get(event.getChannelId())
                .filter(c -> c.getStatus() != ChannelStatus.DISCONNECTED)
                .filter(c -> c.getIgUserId().equals(event.getIgAccountId()))
                .filter(c -> channels.holder(event.getIgAccountId())
                        .filter(holder -> holder.getChannelId().equals(c.getChannelId())).isPresent());
        if (channel.isEmpty()) {
            withheld.increment();
        }
        return channel.map(Channel::getApplicationId);
    }
}
