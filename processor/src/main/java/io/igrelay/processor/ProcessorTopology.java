package io.igrelay.processor;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.processor.channels.ChannelFoldProcessor;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.TopicLayout;
import io.igrelay.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor's topology, pure: no I/O and no clock reads outside records and punctuators. Node and store names
 * are constants so changelog topics never drift.
 */
public final class ProcessorTopology {

    public static final String CHANNEL_EVENTS_SOURCE = "channel-events-source";
    public static final String CHANNEL_FOLD = "channel-fold";
    public static final String CHANNELS_STORE = "channels-store";
    public static final String CHANNELS_SINK = "channels-sink";

    private ProcessorTopology() {
    }

    public static Topology build(TopicLayout topics, AvroSerdes serdes) {
        Topology topology = new Topology();
        var stringSerde = Serdes.String();
        var channelSerde = serdes.forType(Channel.class);
        var channelEventSerde = serdes.forType(ChannelEvent.class);

        // ig.channel.events -> fold by channel UUID -> ig.channels (compacted, sole writer)
        topology.addSource(CHANNEL_EVENTS_SOURCE, stringSerde.deserializer(), channelEventSerde.deserializer(),
                topics.name(Topics.CHANNEL_EVENTS));
        topology.addProcessor(CHANNEL_FOLD, () -> new ChannelFoldProcessor(CHANNELS_STORE), CHANNEL_EVENTS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHANNELS_STORE),
                stringSerde, channelSerde), CHANNEL_FOLD);
        topology.addSink(CHANNELS_SINK, topics.name(Topics.CHANNELS), stringSerde.serializer(),
                channelSerde.serializer(), CHANNEL_FOLD);
        return topology;
    }
}
