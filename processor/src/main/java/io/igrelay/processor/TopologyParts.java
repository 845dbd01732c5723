package io.igrelay.processor;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.DeadLetter;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.processor.deadletter.DeadLetterSources;
import io.igrelay.processor.state.UnchangedBytes;
import io.igrelay.processor.status.StatusStores;
import io.igrelay.processor.windows.WindowMath;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.TopicLayout;
import io.igrelay.schemas.topics.TopicSpec;
import io.igrelay.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * What every sub-topology builder of {@link ProcessorTopology} shares: the builder, topic names, serdes, settings,
 * counters, and the encoders whose bytes pass unchanged from a store or repartition topic to an output topic.
 */
record TopologyParts(StreamsBuilder builder, TopicLayout topics, AvroSerdes serdes, TopologySettings settings,
                     ProcessorCounters counters, Serde<String> keys, WindowMath math, StatusStores statusStores,
                     DeadLetterSources deadLetters, UnchangedBytes<InstagramEvent> unchangedEvents,
                     UnchangedBytes<ConversationWindow> unchangedWindows) {

    static TopologyParts of(StreamsBuilder builder, TopicLayout topics, AvroSerdes serdes,
                            TopologySettings settings, ProcessorCounters counters) {
        return new TopologyParts(builder, topics, serdes, settings, counters, Serdes.String(),
                new WindowMath(settings.windowRules()), ProcessorStores.statusStores(),
                new DeadLetterSources(topics.name(Topics.OUTBOUND_DLQ), serdes.forType(DeadLetter.class)),
                // events pass from the repartition topic to ig.events as they arrived: the sink reuses their bytes
                new UnchangedBytes<>(serdes.forType(InstagramEvent.class)),
                // a changed window is encoded once, for its store, and ig.windows gets the same bytes
                new UnchangedBytes<>(serdes.forType(ConversationWindow.class)));
    }

    String topic(TopicSpec<?> spec) {
        return topics.name(spec);
    }
}
