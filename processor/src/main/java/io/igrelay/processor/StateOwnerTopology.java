package io.igrelay.processor;

import static io.igrelay.processor.ProcessorTopology.CHANNELS_SINK;
import static io.igrelay.processor.ProcessorTopology.CHANNEL_EVENTS_SOURCE;
import static io.igrelay.processor.ProcessorTopology.CHANNEL_FOLD;
import static io.igrelay.processor.ProcessorTopology.WEBHOOK_EVENTS_SOURCE;
import static io.igrelay.processor.ProcessorTopology.WEBHOOK_FOLD;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookEvent;
import io.igrelay.processor.channels.ChannelFoldProcessor;
import io.igrelay.processor.webhooks.WebhookFoldProcessor;
import io.igrelay.schemas.topics.Topics;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The processor as sole writer of two compacted topics (tested by StateOwnerTopologyTest): ig.channel.events are
 * folded into ig.channels, hub.webhook.events into hub.webhooks.
 */
final class StateOwnerTopology {

    private StateOwnerTopology() {
    }

    static void build(TopologyParts parts) {
        parts.builder().stream(parts.topic(Topics.CHANNEL_EVENTS), Consumed.with(parts.keys(),
                                parts.serdes().forType(ChannelEvent.class)).withName(CHANNEL_EVENTS_SOURCE))
                .process(() -> new ChannelFoldProcessor(ProcessorStores.CHANNELS, ProcessorStores.CHANNEL_DIRECTORY),
                        Named.as(CHANNEL_FOLD), ProcessorStores.CHANNELS)
                .to(parts.topic(Topics.CHANNELS), Produced.with(parts.keys(), parts.serdes().forType(Channel.class))
                        .withName(CHANNELS_SINK));
        parts.builder().stream(parts.topic(Topics.WEBHOOK_EVENTS), Consumed.with(parts.keys(),
                                parts.serdes().forType(WebhookEvent.class)).withName(WEBHOOK_EVENTS_SOURCE))
                .process(() -> new WebhookFoldProcessor(ProcessorStores.WEBHOOKS), Named.as(WEBHOOK_FOLD),
                        ProcessorStores.WEBHOOKS)
                .to(parts.topic(Topics.WEBHOOKS), Produced.with(parts.keys(), parts.serdes().forType(Webhook.class))
                        .withName("webhooks-sink"));
    }
}
