package io.igrelay.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.processor.ProcessorCounters;
import io.igrelay.processor.ProcessorTopology;
import io.igrelay.processor.TopologySettings;
import io.igrelay.processor.testing.TestFailures;
import io.igrelay.schemas.registry.SchemaRegistryClients;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.TopicLayout;
import io.igrelay.schemas.topics.Topics;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Pins the inputs of the conversation (IGSID) sub-topology. Kafka Streams checks every empty input partition of a
 * task on every record it processes (a formatted log line each, whatever the log level), so each input the
 * conversation task does not need costs throughput on the processor's hottest task (decisions.md, "processor:
 * conversation task inputs"). A merge that joins another source to it fails here.
 */
class ConversationInputsTest {

    private final TopicLayout layout = new TopicLayout("", 1, (short) 1, true);

    @Test
    void shouldReadFourInputsOnTheConversationTask() {
        assertThat(conversationInputs()).containsExactlyInAnyOrder(
                "events-by-igsid-repartition",
                "conversation-commands-repartition",
                layout.name(Topics.OUTBOUND_REQUESTS),
                layout.name(Topics.MESSAGE_STATUS));
    }

    @Test
    void shouldKeepTheRawWebhooksAloneOnTheNormaliseTask() {
        TopologyDescription description = build().describe();
        Set<String> normaliseInputs = description.subtopologies().stream()
                .map(ConversationInputsTest::sourceTopics)
                .filter(topics -> topics.contains(layout.name(Topics.WEBHOOKS_RAW)))
                .findFirst().orElseThrow();
        assertThat(normaliseInputs).containsExactly(layout.name(Topics.WEBHOOKS_RAW));
    }

    private Set<String> conversationInputs() {
        return build().describe().subtopologies().stream()
                .map(ConversationInputsTest::sourceTopics)
                .filter(topics -> topics.contains("events-by-igsid-repartition"))
                .findFirst().orElseThrow();
    }

    private org.apache.kafka.streams.Topology build() {
        AvroSerdes serdes = new AvroSerdes(SchemaRegistryClients.fromUrl("mem://inputs", Optional.empty()));
        return ProcessorTopology.build(layout, serdes, TopologySettings.defaults(false), new ProcessorCounters(),
                new TestFailures().guard);
    }

    private static Set<String> sourceTopics(TopologyDescription.Subtopology subtopology) {
        Set<String> topics = new TreeSet<>();
        for (TopologyDescription.Node node : subtopology.nodes()) {
            if (node instanceof TopologyDescription.Source source) {
                topics.addAll(source.topicSet());
            }
        }
        return topics;
    }
}
